import type { ModelInfo } from '../../../shared/worker-api.ts'

/** Installed models, plus the saved choice if it is no longer installed (so it isn't lost). */
export const ModelOptions = ({ models, current }: { models: ModelInfo[]; current: string }) => {
  const installed = models.some((m) => m.name === current)
  return (
    <>
      <option value="">Automatic (first installed)</option>
      {models.map((m) => (
        <option key={m.name} value={m.name}>
          {m.name}
        </option>
      ))}
      {current !== '' && !installed && <option value={current}>{current} (not installed)</option>}
    </>
  )
}
