export const KIND_PROFILE = 0
export const KIND_DELETION = 5
export const KIND_TEXT_REQUEST = 5050
export const KIND_TEXT_RESULT = 6050
export const KIND_FEEDBACK = 7000
export const KIND_HANDLER_INFO = 31990
export const KIND_HEARTBEAT = 11998
export const KIND_RELAY_LIST = 10002

/** Events larger than this (serialized) are dropped unread. */
export const MAX_EVENT_BYTES = 64 * 1024
/** Prompts longer than this, counted once event and job inputs are fetched, are refused. */
export const MAX_PROMPT_CHARS = 32_000
/** Distinct inputs one request may have: each event or job input is a fetch from the relays. */
export const MAX_INPUTS = 8

export type FeedbackStatus = 'payment-required' | 'processing' | 'partial' | 'error' | 'success'
