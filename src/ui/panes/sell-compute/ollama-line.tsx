import type { OllamaStatus } from '../../../shared/worker-api.ts'
import { ReadinessLine } from '../../components/readiness-line.tsx'
import { useCommand } from '../../components/use-command.ts'
import { OLLAMA_WORDS } from '../../status-words.ts'

const describe = (ollama: OllamaStatus): string => {
  const parts = [ollama.url]
  if (ollama.version !== undefined) parts.push(`Ollama ${ollama.version}`)
  if (ollama.state === 'ready') {
    parts.push(`${ollama.models.length} model${ollama.models.length === 1 ? '' : 's'}`)
  }
  return parts.join(' · ')
}

export const OllamaLine = ({ ollama }: { ollama: OllamaStatus }) => {
  const check = useCommand()
  const { words, tone } = OLLAMA_WORDS[ollama.state]

  return (
    <ReadinessLine
      label="Ollama"
      state={words}
      tone={tone}
      detail={describe(ollama)}
      reason={ollama.reason}
      fix={ollama.fix}
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
