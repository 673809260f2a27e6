/**
 * Provider settings: what derives from the table in setting-fields.ts (read its header to add
 * a setting): the `Settings` type, DEFAULT_SETTINGS, normalizeSettings, and the Settings form's
 * text (toForm) and validation (parseSettingsForm).
 */
import { err, ok, type Result } from './result.ts'
import { SETTING_FIELDS } from './setting-fields.ts'
import { codecOf } from './setting-kinds.ts'
import type { Section, SettingRow, Values } from './setting-rows.ts'

export { SETTING_FIELDS } from './setting-fields.ts'
export { parsePubkeys, parseRelayUrl } from './setting-kinds.ts'
export { formLabel } from './setting-rows.ts'
export type { Section, SettingRow } from './setting-rows.ts'

type Fields = typeof SETTING_FIELDS
type Key = keyof Fields

export type Settings = { [K in Key]: Values[Fields[K]['kind']] }

/** The settings the form shows. */
export type FormKey = { [K in Key]: Fields[K] extends { section: Section } ? K : never }[Key]

/** What the Settings form sends: text, as typed. A field it does not send keeps its value. */
export type SettingsForm = { [K in FormKey]?: string }
export type SettingsErrors = { [K in FormKey]?: string }

const ROWS = Object.entries(SETTING_FIELDS) as [Key, SettingRow][]

export const FORM_KEYS = ROWS.filter(([, row]) => row.section !== undefined).map(
  ([key]) => key as FormKey,
)

/** The form's rows of one section, in table order. */
export const sectionRows = (section: Section) =>
  ROWS.filter(([, row]) => row.section === section) as [FormKey, SettingRow][]

const build = (value: (key: Key, row: SettingRow) => unknown) =>
  Object.fromEntries(ROWS.map(([key, row]) => [key, value(key, row)])) as Settings

export const DEFAULT_SETTINGS: Settings = build((_, row) => structuredClone(row.default))

export const toForm = (s: Settings): Required<SettingsForm> =>
  Object.fromEntries(
    FORM_KEYS.map((key) => [key, codecOf(SETTING_FIELDS[key]).toText(s[key] as never)]),
  ) as Required<SettingsForm>

/** Validate the whole form; on any error nothing is applied. */
export const parseSettingsForm = (
  form: SettingsForm,
  base: Settings,
): Result<Settings, SettingsErrors> => {
  const errors: SettingsErrors = {}
  const settings = { ...base } as Record<Key, unknown>
  for (const key of FORM_KEYS) {
    const text = form[key]
    if (text === undefined) continue
    const parsed = codecOf(SETTING_FIELDS[key]).parse(text, SETTING_FIELDS[key] as never)
    if (parsed.ok) settings[key] = parsed.value
    else errors[key] = parsed.error
  }
  return Object.keys(errors).length > 0 ? err(errors) : ok(settings as Settings)
}

/** Settings read back from storage may be from an older version or damaged. */
export const normalizeSettings = (stored: unknown): Settings => {
  const s = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {}
  return build(
    (key, row) => codecOf(row).normalize(s[key], row as never) ?? structuredClone(row.default),
  )
}
