import type { OllamaStatus } from '../../../shared/worker-api.ts'
import { ReadinessLine } from '../../components/readiness-line.tsx'
import { useCommand } from '../../components/use-command.ts'
import { explain } from '../../glossary.ts'
import { OLLAMA_WORDS } from '../../status-words.ts'

const describe = (ollama: OllamaStatus): string => {
  const parts = [ollama.url]
  if (ollama.version !== undefined) parts.push(`Ollama ${ollama.version}`)
  if (ollama.state === 'ready') {
    parts.push(`${ollama.models.length} model${ollama.models.length === 1 ? '' : 's'}`)
    const loaded = ollama.loaded?.length ?? 0
    if (loaded > 0) parts.push(`${loaded} loaded`)
  }
  return parts.join(' · ')
}

/** While the provider loads what it sells, that is the state worth saying. */
const stateOf = (ollama: OllamaStatus) => {
  const loading = ollama.loading ?? []
  if (ollama.state === 'ready' && loading.length > 0) {
    return { words: `Loading ${loading.join(', ')}...`, tone: 'busy' as const }
  }
  return OLLAMA_WORDS[ollama.state]
}

export const OllamaLine = ({ ollama }: { ollama: OllamaStatus }) => {
  const check = useCommand()
  const { words, tone } = stateOf(ollama)

  return (
    <ReadinessLine
      label="Ollama"
      state={words}
      tone={tone}
      detail={describe(ollama)}
      reason={ollama.reason}
      fix={ollama.fix}
      help={ollama.state === 'blocked' ? explain(['CORS']) : undefined}
      action={
        <button
          type="button"
          className="small"
          aria-busy={check.busy || ollama.state === 'checking'}
          onClick={() => void check.run('checkOllama')}
        >
          Check Ollama again
        </button>
      }
    />
  )
}
