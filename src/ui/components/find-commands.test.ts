import { describe, expect, it } from 'vitest'
import { findCommands } from './find-commands.ts'

describe('findCommands', () => {
  it('finds the OLLAMA_ORIGINS and macOS commands in the engine’s CORS fix, in order', () => {
    const fix =
      'Restart Ollama allowing this origin: OLLAMA_ORIGINS=https://app.example ollama serve' +
      ' (on macOS: launchctl setenv OLLAMA_ORIGINS "https://app.example", then restart).'
    expect(findCommands(fix).map((c) => [c.command, c.label])).toEqual([
      ['OLLAMA_ORIGINS=https://app.example ollama serve', 'Copy command'],
      ['launchctl setenv OLLAMA_ORIGINS "https://app.example"', 'Copy macOS command'],
    ])
  })

  it('finds ollama pull and backticked commands, and nothing in plain prose', () => {
    expect(findCommands('Install one, for example: ollama pull llama3.2')[0]?.command).toBe(
      'ollama pull llama3.2',
    )
    expect(findCommands('Run `ollama serve` first')[0]?.command).toBe('ollama serve')
    expect(findCommands('Check the Ollama URL in Settings.')).toEqual([])
  })

  it('does not report one command twice when patterns overlap', () => {
    expect(findCommands('`OLLAMA_ORIGINS=* ollama serve`')).toHaveLength(1)
  })
})
