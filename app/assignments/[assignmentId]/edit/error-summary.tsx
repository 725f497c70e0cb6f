/**
 * The list of fields to fix, above the form. It takes focus after a save is
 * refused; each line links to its field (moving focus there).
 */
import type { SummaryItem } from './field-paths';

interface Props {
  items: readonly SummaryItem[];
  onGoToField: (id: string) => void;
}

export function ErrorSummary({ items, onGoToField }: Props) {
  if (items.length === 0) return null;
  return (
    <div className="error-summary" id="error-summary" tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">
        {items.length === 1 ? 'One thing needs fixing' : `${items.length} things need fixing`} before the assignment can be
        saved
      </h2>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            {item.id ? (
              <a
                href={`#${item.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  onGoToField(item.id);
                }}
              >
                {item.label}: {item.message}
              </a>
            ) : (
              <span>
                {item.label}: {item.message}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
