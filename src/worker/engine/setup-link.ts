/** The setup-link command: review what a link would change, apply it only when allowed. */
import { err, ok, type Result } from '../../shared/result.ts'
import { parseSettingsForm, toForm, type Settings } from '../../shared/settings.ts'
import type { SettingsErrors } from '../../shared/settings.ts'
import {
  appliesSilently,
  reviewSetupLink,
  type SetupLinkReview,
  type SetupLinkValues,
} from '../../shared/setup-link.ts'
import type { EngineApi } from '../../shared/worker-api.ts'

export interface SetupLinkDeps {
  settings: () => Settings
  hasSavedSettings: () => Promise<boolean>
  saveSettings: EngineApi['saveSettings']
}

export const createSetupLinkCommand =
  (deps: SetupLinkDeps) =>
  async ({
    confirmed = false,
    ...link
  }: SetupLinkValues & { confirmed?: boolean }): Promise<
    Result<SetupLinkReview, SettingsErrors>
  > => {
    const form = toForm(deps.settings())
    if (link.relays !== undefined) form.relays = link.relays.split(/[\n,]/).join('\n')
    if (link.ollamaUrl !== undefined) form.ollamaUrl = link.ollamaUrl
    const parsed = parseSettingsForm(form, deps.settings())
    if (!parsed.ok) return parsed
    const review = reviewSetupLink(deps.settings(), parsed.value)
    const allowed = confirmed || appliesSilently(review, await deps.hasSavedSettings())
    if (review.changes.length === 0 || !allowed) return ok({ ...review, applied: false })
    const saved = await deps.saveSettings(form)
    return saved.ok ? ok({ ...review, applied: true }) : err(saved.error)
  }
