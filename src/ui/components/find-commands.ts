/** Shell commands the engine's fixes mention; each is shown as code and gets a copy button. */
const COMMANDS: readonly { pattern: RegExp; label: string }[] = [
  { pattern: /`([^`]+)`/g, label: 'Copy command' },
  { pattern: /(OLLAMA_ORIGINS=\S+ ollama serve)/g, label: 'Copy command' },
  { pattern: /(launchctl setenv OLLAMA_ORIGINS "[^"]*")/g, label: 'Copy macOS command' },
  { pattern: /(ollama pull [\w.:/-]*\w)/g, label: 'Copy command' },
]

interface Found {
  command: string
  label: string
  start: number
  end: number
}

/** The commands in a fix, in reading order, without overlaps. */
export const findCommands = (text: string): Found[] => {
  const found: Found[] = []
  for (const { pattern, label } of COMMANDS) {
    for (const match of text.matchAll(pattern)) {
      const command = match[1]
      if (command === undefined) continue
      const start = match.index
      const end = start + match[0].length
      if (found.some((f) => start < f.end && f.start < end)) continue
      found.push({ command, label, start, end })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}
