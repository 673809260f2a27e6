import { errorText } from '../../shared/result.ts'
import type { SparkSdk } from './spark-sdk.ts'
import { WalletError } from './wallet.ts'

/**
 * An SDK failure in words a person can act on. Classes are told apart with `instanceof`:
 * the SDK's class names are minified in the browser bundle. Within a validation error the
 * `field` in its context says which input was refused; that survives minification too.
 */
export const sparkWalletError = (
  e: unknown,
  errors: SparkSdk['errors'],
  what: string,
): WalletError => {
  if (e instanceof WalletError) return e
  const detail = sparkDetail(e)
  if (e instanceof errors.SparkAuthenticationError)
    return new WalletError(
      `Spark's operators refused this wallet while ${what} (${detail}). ` +
        'Check the recovery phrase and the network (mainnet or regtest).',
      'rejected',
    )
  if (e instanceof errors.SparkRequestError)
    return new WalletError(
      `Could not reach Spark while ${what} (${detail}). ` +
        'Check the internet connection and try again.',
      'unreachable',
    )
  if (e instanceof errors.SparkValidationError) {
    const field = e.getContext().field
    if (field === 'targetAmounts')
      return new WalletError(
        `Not enough sats in the Spark wallet for ${what}. Add funds or pay a smaller invoice.`,
        'insufficient-funds',
      )
    if (field === 'maxFeeSats')
      return new WalletError(
        `The Lightning fee for ${what} is above the limit (${detail}). Try again later.`,
        'rejected',
      )
    return new WalletError(`Spark refused ${what} (${detail}).`, 'rejected')
  }
  if (e instanceof errors.SparkError)
    return new WalletError(`Spark failed while ${what} (${detail}).`, 'other')
  return new WalletError(`The Spark wallet failed while ${what} (${detail}).`, 'other')
}

const MAX_DETAIL = 200

/**
 * The first line of the SDK's message, without the `[key: value, ...]` context it appends:
 * that holds debugging data (client version, raw field values), not words for a person.
 */
export const sparkDetail = (e: unknown): string => {
  let text = errorText(e).split('\n')[0] ?? ''
  const context = text.endsWith(']') ? text.lastIndexOf(' [') : -1
  if (context > 0) text = text.slice(0, context)
  text = text.trim() || 'no details'
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text
}
