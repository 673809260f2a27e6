/**
 * THE SETTINGS TABLE: every provider setting is one row of SETTING_FIELDS. Everything else
 * derives from it: the `Settings` type, DEFAULT_SETTINGS, normalizeSettings (what storage
 * gives back), toForm and parseSettingsForm (settings.ts: the form's text and its all-or-
 * nothing validation), and the Settings pane's controls (src/ui/panes/settings/).
 *
 * HOW TO ADD A SETTING: add ONE row here, and read it in the engine as `settings.<key>`.
 * A whole number shown in the form's policy section, for example:
 *
 *   maxPromptChars: {
 *     kind: 'whole', label: 'Longest prompt (characters)', help: 'Longer prompts are refused',
 *     section: 'policy', min: 1, max: 100_000, default: 8000,
 *   },
 *
 * - key: the name in IndexedDB's settings record too; never rename one (saved values are lost).
 * - kind: whole | flag | text | http-url | image-url | lightning-address | relays | pubkeys |
 *   names (setting-kinds.ts); it fixes the value's type, how a stored value is checked and how
 *   typed text is parsed. A stored value that is missing or damaged becomes the default, so old
 *   databases need no migration.
 * - label: the control's accessible name (keep ui-contract.md's names exactly) and the subject
 *   of its errors: "Longest prompt (characters) must be a whole number from 1 to 100000".
 *   `unit: 'sats'` adds " (sats)" to the name and speaks of sats in the error.
 * - section: where the form shows it. 'prices', 'policy' and 'profile' rows render by
 *   themselves (text boxes, numbers side by side, checkboxes, lists); 'connection' rows have
 *   hand-made controls in settings-form.tsx. Leave it out for a setting the form does not show: Save keeps its
 *   saved value. A new section is one more name in `Section` and one <SettingFields> line.
 * - min/max: what a person may type. Stored values below min are raised to it; above max are
 *   kept (the benchmark writes huge queue sizes).
 * settings.test.ts walks every row (defaults within bounds, min and max accepted, max + 1
 * refused naming the label), so a new row is tested without a new test. A new kind is a row
 * type plus a codec in setting-kinds.ts.
 */
import type { SettingRow } from './setting-kinds.ts'

const MAX_SATS = 1_000_000

export const SETTING_FIELDS = {
  relays: {
    kind: 'relays',
    label: 'Relays',
    help: 'One URL per line, wss://…',
    section: 'connection',
    default: ['wss://relay.damus.io', 'wss://nos.lol', 'wss://relay.primal.net'],
  },
  ollamaUrl: {
    kind: 'http-url',
    label: 'Ollama URL',
    section: 'connection',
    default: 'http://localhost:11434',
  },
  pricePerJobSats: {
    kind: 'whole',
    label: 'Price per job',
    unit: 'sats',
    section: 'prices',
    min: 0,
    max: MAX_SATS,
    default: 0,
  },
  pricePer1kTokensSats: {
    kind: 'whole',
    label: 'Price per 1k tokens',
    unit: 'sats',
    section: 'prices',
    min: 0,
    max: MAX_SATS,
    default: 0,
  },
  // Larger max_tokens in a request are clamped to it.
  maxTokensCap: {
    kind: 'whole',
    label: 'Max tokens per job',
    section: 'prices',
    min: 1,
    max: 1_000_000,
    default: 4096,
  },
  defaultModel: {
    kind: 'text',
    label: 'Default model',
    help: 'Empty means: the first installed model',
    section: 'connection',
    maxLength: 200,
    tooLong: 'Model name is too long',
    default: '',
  },
  lookbackSeconds: {
    kind: 'whole',
    label: 'Look back when going online (seconds)',
    help: 'How far back to accept requests when going online',
    min: 0,
    max: 86_400,
    default: 120,
  },
  generationTimeoutSeconds: {
    kind: 'whole',
    label: 'Longest generation (seconds)',
    help: 'The longest one generation may take',
    min: 1,
    max: 86_400,
    default: 300,
  },
  invoiceExpirySeconds: {
    kind: 'whole',
    label: 'Invoice expiry (seconds)',
    help: 'How long an invoice may stay unpaid before its job ends as expired',
    min: 1,
    max: 86_400,
    default: 600,
  },
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
  // The provider profile: the NIP-89 listing and the kind 0 of the provider key. Empty fields
  // get defaults there (a name from the default model, words on the models and the price).
  providerName: {
    kind: 'text',
    label: 'Provider name',
    help: 'How clients list you; empty: named after the default model',
    section: 'profile',
    maxLength: 100,
    tooLong: 'Provider name is too long (100 characters at most)',
    default: '',
  },
  providerAbout: {
    kind: 'text',
    label: 'About',
    help: 'A sentence or two on what you offer; empty: your models and price',
    section: 'profile',
    maxLength: 1000,
    tooLong: 'About is too long (1000 characters at most)',
    lines: 3,
    default: '',
  },
  providerPicture: {
    kind: 'image-url',
    label: 'Picture URL',
    help: 'Optional: an https:// image clients show beside your name',
    section: 'profile',
    default: '',
  },
  lightningAddress: {
    kind: 'lightning-address',
    label: 'Lightning address',
    help: 'Optional: name@example.com, for tips and zaps',
    section: 'profile',
    default: '',
  },
  // Chosen in the Models pane.
  offeredModels: {
    kind: 'names',
    label: 'Models for sale',
    help: 'Empty means every installed model',
    default: [],
  },
} satisfies Record<string, SettingRow>
