import { useAtomValue } from 'jotai'
import { useEffect, useState } from 'react'
import { errorText } from '../../../shared/result.ts'
import type { PaymentRecord } from '../../../shared/worker-api.ts'
import { useNow } from '../../components/use-now.ts'
import { formatCount, formatWhen, shorten } from '../../format.ts'
import { lastPaidAtAtom } from '../../state/engine-atoms.ts'
import { getEngine } from '../../worker-client.ts'

/** The wallet's settled incoming payments for jobs, newest first. */
export const RecentPayments = () => {
  // Moves whenever a job is newly reported paid, so the list is asked for again.
  const paidKey = useAtomValue(lastPaidAtAtom)
  const now = useNow(true, 60_000)
  const [payments, setPayments] = useState<PaymentRecord[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let current = true
    getEngine()
      .recentPayments()
      .then(
        (list) => {
          if (!current) return
          setPayments([...list].sort((a, b) => b.at - a.at))
          setError(null)
        },
        (e: unknown) => current && setError(`Recent payments could not be read: ${errorText(e)}`),
      )
    return () => {
      current = false
    }
  }, [paidKey])

  return (
    <section className="wallet-option" aria-labelledby="wallet-payments-title">
      <h3 id="wallet-payments-title">Recent incoming payments</h3>
      {error !== null && <p className="reason">{error}</p>}
      {payments === null ? (
        error === null && <p className="muted">Loading...</p>
      ) : payments.length === 0 ? (
        <p className="empty">No payments yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="wallet-payments" aria-labelledby="wallet-payments-title">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col" className="num">
                  Sats
                </th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {payments.map((p) => (
                <tr key={`${p.jobId}-${p.at}`}>
                  <td className="mono nowrap" title={p.jobId}>
                    {shorten(p.jobId)}
                  </td>
                  <td className="num nowrap">{formatCount(p.amountSats)}</td>
                  <td className="nowrap">{formatWhen(p.at, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
