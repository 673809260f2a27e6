/**
 * Small models to start with when Ollama has none: each runs on a laptop without a GPU. Sizes
 * are the downloads ollama.com/library lists for these tags.
 */
export const SUGGESTED_MODELS = [
  { name: 'qwen2.5:0.5b', sizeBytes: 398_000_000, about: 'fastest, short answers' },
  { name: 'gemma3:1b', sizeBytes: 815_000_000, about: 'good all-round' },
  { name: 'llama3.2:1b', sizeBytes: 1_300_000_000, about: 'widely asked for' },
] as const
