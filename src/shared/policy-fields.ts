/**
 * The settings table's policy rows (section 'policy'): what this provider serves, how many at
 * once, and the limits that keep a customer or a wallet from being flooded. Part of
 * SETTING_FIELDS (setting-fields.ts: read its header to add a setting); in the form's order.
 */
import type { SettingRow } from './setting-rows.ts'

export const POLICY_FIELDS = {
  streamPartials: {
    kind: 'flag',
    label: 'Send partial results while generating',
    section: 'policy',
    default: true,
  },
  concurrency: {
    kind: 'whole',
    label: 'Jobs at once',
    help: 'How many jobs Ollama runs at the same time',
    section: 'policy',
    min: 1,
    max: 16,
    default: 1,
  },
  // Running plus waiting.
  queueCapacity: {
    kind: 'whole',
    label: 'Queue capacity',
    help: 'Jobs accepted at most; more are answered "busy"',
    section: 'policy',
    min: 1,
    max: 1000,
    default: 20,
  },
  rateLimitPerMinute: {
    kind: 'whole',
    label: 'Requests per customer per minute',
    help: 'More are refused with a reason',
    section: 'policy',
    min: 1,
    max: 10_000,
    default: 10,
  },
  // Each paid request makes an invoice in the provider's wallet: an abuse lever, and wallets
  // throttle it (Zeus allows 5 make_invoice per 60 s).
  unpaidInvoicesPerCustomer: {
    kind: 'whole',
    label: 'Unpaid invoices per customer',
    help: 'A customer asks again once an invoice is paid or expired',
    section: 'policy',
    min: 1,
    max: 1000,
    default: 1,
  },
  maxUnpaidInvoices: {
    kind: 'whole',
    label: 'Unpaid invoices at most',
    help: 'Paid requests beyond this wait until invoices are paid or expire',
    section: 'policy',
    min: 1,
    max: 1000,
    default: 10,
  },
  invoicesPerMinute: {
    kind: 'whole',
    label: 'New invoices per minute',
    help: 'Across all customers; wallets throttle more (Zeus allows 5)',
    section: 'policy',
    min: 1,
    max: 1000,
    default: 5,
  },
  // Off: a request for a model that is not installed is refused.
  fallbackToDefaultModel: {
    kind: 'flag',
    label: 'Use the default model when a requested model is not installed',
    section: 'policy',
    default: true,
  },
  // Off: online, no market subscription rides on the relay connections (the Market pane then
  // counts only what intake decided); the bench measures what it costs with it on.
  watchMarket: {
    kind: 'flag',
    label: 'Watch the market while online (other providers, for the Market pane)',
    section: 'policy',
    default: true,
  },
  // Off: a request cannot aim the provider's connections at its own machine or LAN (issue 12).
  allowPrivateRelays: {
    kind: 'flag',
    label: 'Follow customers to private and local relays (LAN, localhost, ws://)',
    section: 'policy',
    default: false,
  },
  // NIP-13 work mined for a relay that answers `pow:`; 0 mines none.
  maxPowBits: {
    kind: 'whole',
    label: 'Proof of work (bits)',
    help: 'The most NIP-13 work mined for a relay that asks for it; 0 mines none',
    section: 'policy',
    min: 0,
    max: 28,
    default: 16,
  },
  blocklist: {
    kind: 'pubkeys',
    label: 'Blocked customers',
    help: 'Never served. One npub or hex public key per line',
    section: 'policy',
    default: [],
  },
  allowlist: {
    kind: 'pubkeys',
    label: 'Free customers',
    help: 'Served without payment. One npub or hex public key per line',
    section: 'policy',
    default: [],
  },
  // Sent as `think` to models that can think (qwen3, deepseek-r1...); a customer's
  // ["param","think",...] wins. Reasoning tokens count against max_tokens.
  reasoning: {
    kind: 'flag',
    label: 'Let thinking models reason before they answer',
    section: 'policy',
    default: false,
  },
  // Ollama's keep_alive: sent with the warm-up on Go Online and renewed by every job.
  keepAliveMinutes: {
    kind: 'whole',
    label: 'Keep models loaded after a job (minutes)',
    help: 'Ollama unloads a model this long after its last job; loading it again takes seconds',
    section: 'policy',
    min: 1,
    max: 1440,
    default: 30,
  },
  // Ollama's num_ctx. 0: each model's own context, capped (SAFE_CONTEXT_TOKENS).
  numCtx: {
    kind: 'whole',
    label: 'Context window (tokens)',
    help: "0 means each model's own, at most 8192. A prompt and max_tokens that do not fit are refused",
    section: 'policy',
    min: 0,
    max: 1_048_576,
    default: 0,
  },
} satisfies Record<string, SettingRow>
