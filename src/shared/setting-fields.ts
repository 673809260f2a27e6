/**
 * THE SETTINGS TABLE: every provider setting is one row of SETTING_FIELDS. Everything else
 * derives from it: the `Settings` type, DEFAULT_SETTINGS, normalizeSettings (what storage
 * gives back), toForm and parseSettingsForm (settings.ts: the form's text and its all-or-
 * nothing validation), and the Settings pane's controls (src/ui/panes/settings/).
 *
 * HOW TO ADD A SETTING: add ONE row here (a 'policy' or 'profile' row in policy-fields.ts or
 * profile-fields.ts, which this table spreads in), and read it in the engine as
 * `settings.<key>`. A whole number shown in the form's policy section, for example:
 *
 *   maxPromptChars: {
 *     kind: 'whole', label: 'Longest prompt (characters)', help: 'Longer prompts are refused',
 *     section: 'policy', min: 1, max: 100_000, default: 8000,
 *   },
 *
 * - key: the name in IndexedDB's settings record too; never rename one (saved values are lost).
 * - kind: whole | flag | text | http-url | image-url | lightning-address | relays | pubkeys |
 *   names | model-prices (setting-rows.ts); it fixes the value's type, how a stored value is checked and how
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
 * type in setting-rows.ts plus a codec in setting-kinds.ts.
 */
import { POLICY_FIELDS } from './policy-fields.ts'
import { PROFILE_FIELDS } from './profile-fields.ts'
import type { SettingRow } from './setting-rows.ts'

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
  ...POLICY_FIELDS,
  ...PROFILE_FIELDS,
  // Chosen in the Models pane.
  offeredModels: {
    kind: 'names',
    label: 'Models for sale',
    help: 'Empty means every installed model',
    default: [],
  },
  // Set in the Models pane: a model with its own prices is quoted at them, the rest at the
  // defaults above.
  modelPrices: {
    kind: 'model-prices',
    label: 'Prices per model',
    help: 'One model a line: name, price per job, price per 1k tokens (sats)',
    max: MAX_SATS,
    default: {},
  },
} satisfies Record<string, SettingRow>
