import { useAtomValue, useSetAtom } from 'jotai'
import type { KeyboardEvent } from 'react'
import { InstallButton } from './install-button.tsx'
import { PANE_ICONS } from './pane-icons.tsx'
import { PANES } from '../panes/pane-list.ts'
import { openPaneIdsAtom, togglePaneAtom } from '../state/layout-atoms.ts'
import { modifierName, useHotkeys } from './use-hotkeys.ts'

// Only slots that hold a pane: an empty, unlabelled slot only asks what it is for.
const SLOTTED = [...PANES].sort((a, b) => a.slot - b.slot)

/** Arrow keys move along the toolbar, as the ARIA toolbar pattern expects. */
const onArrowKeys = (e: KeyboardEvent<HTMLDivElement>) => {
  const step = { ArrowLeft: -1, ArrowRight: 1 }[e.key]
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button')]
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement)
  if (e.key === 'Home' || e.key === 'End') {
    buttons.at(e.key === 'Home' ? 0 : -1)?.focus()
    e.preventDefault()
  } else if (step !== undefined && at !== -1) {
    buttons[(at + step + buttons.length) % buttons.length]?.focus()
    e.preventDefault()
  }
}

/** The bar along the bottom edge: one numbered slot per pane. */
export const Hotbar = () => {
  const openIds = useAtomValue(openPaneIdsAtom)
  const toggle = useSetAtom(togglePaneAtom)
  useHotkeys(toggle)
  const modifier = modifierName()

  return (
    <div role="toolbar" aria-label="Hotbar" className="hotbar" onKeyDown={onArrowKeys}>
      {SLOTTED.map((pane) => {
        const { slot } = pane
        const Icon = PANE_ICONS[pane.id]
        return (
          <button
            key={slot}
            type="button"
            className="hotbar-slot"
            aria-pressed={openIds.includes(pane.id)}
            aria-keyshortcuts={`${modifier === 'Cmd' ? 'Meta' : 'Control'}+${slot}`}
            title={`${pane.title} (${modifier}+${slot})`}
            data-pane={pane.id}
            onClick={() => toggle(pane.id)}
          >
            <span className="slot-number" aria-hidden="true">
              {slot}
            </span>
            <Icon />
            <span className="slot-label">{pane.title}</span>
          </button>
        )
      })}
      <InstallButton />
    </div>
  )
}
