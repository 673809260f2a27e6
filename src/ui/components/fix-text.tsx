import type { ReactNode } from 'react'
import { CopyButton } from './copy-button.tsx'
import { findCommands } from './find-commands.ts'

/** What the person can do about a problem: the engine's words, commands set as code. */
export const FixText = ({ text }: { text: string }) => {
  const commands = findCommands(text)
  const parts: ReactNode[] = []
  let at = 0
  for (const { command, start, end } of commands) {
    parts.push(text.slice(at, start), <code key={start}>{command}</code>)
    at = end
  }
  parts.push(text.slice(at))
  return (
    <div className="fix">
      <p>{parts}</p>
      {commands.length > 0 && (
        <div className="form-actions">
          {commands.map(({ command, label }) => (
            <CopyButton key={command} text={command} label={label} />
          ))}
        </div>
      )}
    </div>
  )
}
