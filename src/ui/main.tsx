import { Provider } from 'jotai'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app.tsx'
import { persistLayout } from './state/layout-atoms.ts'
import { store } from './state/store.ts'
import './styles/index.css'
import { startEngine } from './worker-client.ts'

startEngine(store)
persistLayout(store)

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <Provider store={store}>
      <App />
    </Provider>
  </StrictMode>,
)
