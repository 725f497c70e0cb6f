/**
 * One editor for every list of the form (guiding questions, criteria, levels):
 * an ordered list whose items each get Move up / Move down / Remove buttons,
 * and an Add button after it. The buttons' visible words stay short; their
 * accessible names say which item ("Move down question 1"). What a change
 * does, where focus goes and what is announced is decided in list-changes.ts.
 */
import type { Dispatch, HTMLAttributes, ReactNode } from 'react';
import type { EditorAction } from './editor-reducer';
import { idOf } from './field-paths';
import type { ListInfo, ListRef } from './list-changes';
import { newKey } from './editor-state';

interface ItemActionsProps {
  /** The item's element id; the buttons are `<idBase>-up`, `-down` and `-remove`. */
  idBase: string;
  /** "question 2", for screen readers. */
  name: string;
  index: number;
  count: number;
  min: number;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  className?: string;
}

function ItemActions({ idBase, name, index, count, min, onMove, onRemove, className }: ItemActionsProps) {
  return (
    <div className={className ? `item-actions ${className}` : 'item-actions'}>
      <button type="button" id={`${idBase}-up`} className="button button-secondary button-small" disabled={index === 0} onClick={() => onMove(-1)}>
        Move up<span className="visually-hidden"> {name}</span>
      </button>
      <button
        type="button"
        id={`${idBase}-down`}
        className="button button-secondary button-small"
        disabled={index === count - 1}
        onClick={() => onMove(1)}
      >
        Move down<span className="visually-hidden"> {name}</span>
      </button>
      <button type="button" id={`${idBase}-remove`} className="button button-secondary button-small button-remove" disabled={count <= min} onClick={onRemove}>
        Remove<span className="visually-hidden"> {name}</span>
      </button>
    </div>
  );
}

interface ListEditorProps<T extends { key: string }> {
  list: ListRef;
  info: ListInfo;
  items: readonly T[];
  dispatch: Dispatch<EditorAction>;
  /** Attributes of the `<ol>` (its class is always `editor-list`, plus `className`). */
  listAttributes?: HTMLAttributes<HTMLOListElement>;
  /** Extra class for the item buttons' row, such as `item-actions-top`. */
  actionsClassName?: string;
  addButton: { id?: string; className: string; label: ReactNode };
  /** An item's fields; `actions` is its button row, to place where the item wants it. */
  renderItem: (item: T, index: number, actions: ReactNode) => ReactNode;
}

export function ListEditor<T extends { key: string }>({
  list,
  info,
  items,
  dispatch,
  listAttributes,
  actionsClassName,
  addButton,
  renderItem,
}: ListEditorProps<T>) {
  const { className, ...attributes } = listAttributes ?? {};
  return (
    <>
      <ol className={className ? `editor-list ${className}` : 'editor-list'} {...attributes}>
        {items.map((item, index) => (
          <li key={item.key}>
            {renderItem(
              item,
              index,
              <ItemActions
                className={actionsClassName}
                idBase={idOf(`${info.path}.${index}`)}
                name={info.name(index)}
                index={index}
                count={items.length}
                min={info.min}
                onMove={(delta) => dispatch({ type: 'move', list, index, delta })}
                onRemove={() => dispatch({ type: 'remove', list, index })}
              />,
            )}
          </li>
        ))}
      </ol>
      <button
        type="button"
        id={addButton.id}
        className={addButton.className}
        onClick={() => dispatch({ type: 'add', list, newKey })}
        disabled={items.length >= info.max}
      >
        {addButton.label}
      </button>
    </>
  );
}
