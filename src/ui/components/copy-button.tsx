import { useEffect, useState } from 'react'

type CopyState = 'idle' | 'copied' | 'failed'

const FEEDBACK: Record<CopyState, string> = {
  idle: '',
  copied: 'Copied',
  failed: 'Could not copy: select the text and copy it by hand',
}

/** A button that copies `text`; its name stays `label`, the outcome is announced beside it. */
export const CopyButton = ({ text, label }: { text: string; label: string }) => {
  const [state, setState] = useState<CopyState>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = window.setTimeout(() => setState('idle'), 2500)
    return () => window.clearTimeout(timer)
  }, [state])

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setState('copied')
    } catch {
      setState('failed')
    }
  }

  return (
    <span className="copy">
      <button type="button" className="small" onClick={() => void copy()}>
        {label}
      </button>
      <span className="copy-feedback" aria-live="polite">
        {FEEDBACK[state]}
      </span>
    </span>
  )
}
