/** Why a payout or reversal waits for a second admin, as the request was assessed when it was made. */
export function ApprovalReasons({ reasons }: { reasons: string[] }) {
  if (reasons.length === 0) return null;
  return (
    <ul className="list-disc space-y-0.5 pl-5 text-sm text-amber-800" data-testid="approval-reasons" aria-label="Why approval is needed">
      {reasons.map((reason) => (
        <li key={reason}>{reason}</li>
      ))}
    </ul>
  );
}
