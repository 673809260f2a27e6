/**
 * The settings table's profile rows (section 'profile'): part of SETTING_FIELDS
 * (setting-fields.ts: read its header to add a setting); in the form's order.
 */
import type { SettingRow } from './setting-rows.ts'

export const PROFILE_FIELDS = {
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
} satisfies Record<string, SettingRow>
