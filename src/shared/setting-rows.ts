/**
 * The kinds a row of the settings table (setting-fields.ts) can be, as types: what each row
 * declares and the value a setting of each kind holds. Their codecs are in setting-kinds.ts.
 */
/** Where the Settings form shows a row; a row without one is not in the form. */
export type Section = 'connection' | 'prices' | 'policy' | 'profile'

interface Common {
  /** The form's label (its accessible name), and the subject of its error messages. */
  label: string
  help?: string
  section?: Section
}

/**
 * A whole number. The form accepts min..max. A stored value that is not a number of at least
 * 0 falls back to the default; one below min is raised to min. One above max is kept: max
 * bounds what a person may type, not what a benchmark may write.
 */
export interface WholeRow extends Common {
  kind: 'whole'
  default: number
  min: number
  max: number
  /** Shown after the label, "Price per job (sats)", and named in the error. */
  unit?: 'sats'
}
export interface FlagRow extends Common {
  kind: 'flag'
  default: boolean
}
/** Free text, trimmed. */
export interface TextRow extends Common {
  kind: 'text'
  default: string
  maxLength: number
  tooLong: string
  /** Shown as a box of this many lines (a paragraph), not one line. */
  lines?: number
}
/** An https URL of an image, or empty: clients load it on https pages, so no http. */
export interface ImageUrlRow extends Common {
  kind: 'image-url'
  default: string
}
/** A lightning address (LUD-16, name@domain), or empty. */
export interface LightningAddressRow extends Common {
  kind: 'lightning-address'
  default: string
}
/** An http(s) URL, one spelling (no trailing slash). */
export interface HttpUrlRow extends Common {
  kind: 'http-url'
  default: string
}
/** One relay URL per line, at least one. */
export interface RelaysRow extends Common {
  kind: 'relays'
  default: string[]
}
/** One npub or hex public key per line; stored as hex. */
export interface PubkeysRow extends Common {
  kind: 'pubkeys'
  default: string[]
}
/** A list of names (for example models), set outside the Settings form. */
export interface NamesRow extends Common {
  kind: 'names'
  default: string[]
}

/** A model's own prices, over the defaults. */
export interface ModelPrice {
  perJobSats: number
  per1kTokensSats: number
}
/**
 * Prices per model, set outside the Settings form (the Models pane). As text, one model a line:
 * its name, the price per job and the price per 1k tokens, in sats ("llama3:70b 50 5").
 */
export interface ModelPricesRow extends Common {
  kind: 'model-prices'
  default: Record<string, ModelPrice>
  /** The highest price a person may type, sats. */
  max: number
}

export type SettingRow =
  | WholeRow
  | FlagRow
  | TextRow
  | HttpUrlRow
  | ImageUrlRow
  | LightningAddressRow
  | RelaysRow
  | PubkeysRow
  | NamesRow
  | ModelPricesRow
export type Kind = SettingRow['kind']

/** The value a setting of each kind holds. */
export interface Values {
  whole: number
  flag: boolean
  text: string
  'http-url': string
  'image-url': string
  'lightning-address': string
  relays: string[]
  pubkeys: string[]
  names: string[]
  'model-prices': Record<string, ModelPrice>
}

/** The control's accessible name: the label, with its unit ("Price per job (sats)"). */
export const formLabel = (row: SettingRow) =>
  row.kind === 'whole' && row.unit ? `${row.label} (${row.unit})` : row.label
