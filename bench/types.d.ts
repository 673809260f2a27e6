/** @size-limit/file ships no types: its default export is a list of size-limit plugins. */
declare module '@size-limit/file' {
  const plugins: readonly object[]
  export default plugins
}
