import { useState } from 'react'
import { err, ok, type Result } from '../../../shared/result.ts'
import type { TestJobReport } from '../../../shared/worker-api.ts'
import { useCommand } from '../../components/use-command.ts'
import { testJobWords } from './live-words.ts'

/** Send a real request from a throwaway key to this provider, and say how the round trip went. */
export const TestJobButton = ({ online }: { online: boolean }) => {
  const { busy: sending, run } = useCommand()
  const [result, setResult] = useState<Result<TestJobReport> | null>(null)

  const send = async () => {
    setResult(null)
    const sent = await run('sendTestJob')
    setResult(sent.ok ? ok(sent.value) : err(sent.error))
  }

  return (
    <div className="test-job">
      <button
        type="button"
        disabled={!online || sending}
        aria-busy={sending}
        aria-describedby="sell-test-job-help"
        onClick={() => void send()}
      >
        Send test job
      </button>
      <p id="sell-test-job-help" className="hint">
        {online
          ? 'A real request from a throwaway key, through your relays, to this provider.'
          : 'Go Online to send a test job.'}
      </p>
      <p role="status" className={result === null || result.ok ? 'form-status' : 'error'}>
        {sending ? 'Sending a test job…' : result === null ? '' : testJobWords(result)}
      </p>
      {result?.ok === true && result.value.outcome === 'result' && (
        <blockquote className="test-job-answer">{result.value.detail.slice(0, 280)}</blockquote>
      )}
    </div>
  )
}
