'use client';

import {
  DndContext,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  closestCenter,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { GripVertical, Image as ImageIcon, Link2, PlayCircle, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CheckboxField, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { useActionForm } from '@/components/ui/use-action-form';
import { saveSmartlinkAction } from '@/lib/actions/smartlinks';
import { SMARTLINK_THEMES, type SmartlinkItemKind, type SmartlinkTheme } from '@/lib/db/schema/smartlinks/constants';
import { SmartlinkPreview } from './preview';

export interface BuilderItem {
  id: number | null;
  kind: SmartlinkItemKind;
  label: string;
  url: string;
  imageUrl: string | null;
}

export interface BuilderPage {
  id: string;
  title: string;
  bio: string | null;
  avatarUrl: string | null;
  theme: SmartlinkTheme;
  items: BuilderItem[];
}

interface DraftItem {
  key: string;
  id: number | null;
  kind: SmartlinkItemKind;
  label: string;
  url: string;
  imageUrl: string;
}

let keySeq = 0;
const newKey = () => `n${++keySeq}`;
const strip = (d: DraftItem): BuilderItem => ({ id: d.id, kind: d.kind, label: d.label, url: d.url, imageUrl: d.imageUrl });
const toDraft = (i: BuilderItem): DraftItem => ({ key: i.id ? `i${i.id}` : newKey(), id: i.id, kind: i.kind, label: i.label, url: i.url, imageUrl: i.imageUrl ?? '' });

/**
 * The SmartLink editor: content, items (drag by the handle, or keyboard: Space, arrows, Space —
 * announced to screen readers), the look, and a live preview. One "Save" stores it all in one
 * transaction; removed items are archived on the server, so their clicks stay in the analytics.
 */
export function SmartlinkBuilder({ workspaceId, page, canEdit }: { workspaceId: string; page: BuilderPage; canEdit: boolean }) {
  const t = useTranslations('smartlinks.builder');
  const [title, setTitle] = useState(page.title);
  const [bio, setBio] = useState(page.bio ?? '');
  const [avatarUrl, setAvatarUrl] = useState(page.avatarUrl ?? '');
  const [theme, setTheme] = useState<SmartlinkTheme>(page.theme);
  const [items, setItems] = useState<DraftItem[]>(() => page.items.map(toDraft));
  const snapshot = (v: unknown) => JSON.stringify(v);
  const current = { title, bio, avatarUrl, theme, items: items.map(strip) };
  const [saved, setSaved] = useState(() => snapshot(current));
  const dirty = saved !== snapshot(current);
  const itemsRef = useRef(items);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);

  const save = useActionForm(saveSmartlinkAction, {
    onSuccess: (data) => {
      const stored = (data as { items: BuilderItem[] }).items;
      const next = itemsRef.current.map((d, i) => ({ ...d, id: stored[i]?.id ?? d.id }));
      setItems(next);
      setSaved(snapshot({ ...current, items: next.map(strip) }));
    },
  });

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const labelOf = (id: UniqueIdentifier) => {
    const i = itemsRef.current.findIndex((x) => x.key === id);
    return { label: itemsRef.current[i]?.label || t('itemNumber', { n: i + 1 }), position: i + 1 };
  };
  const total = items.length;
  const announcements: Announcements = useMemo(
    () => ({
      onDragStart: ({ active }) => t('announce.start', { ...labelOf(active.id), total: itemsRef.current.length }),
      // Over its own place (the moment it is picked up): the pick-up message stays.
      onDragOver: ({ active, over }) => (over && over.id !== active.id ? t('announce.over', { label: labelOf(active.id).label, position: labelOf(over.id).position, total: itemsRef.current.length }) : undefined),
      onDragEnd: ({ active, over }) => (over ? t('announce.end', { label: labelOf(active.id).label, position: labelOf(over.id).position, total: itemsRef.current.length }) : undefined),
      onDragCancel: ({ active }) => t('announce.cancel', { label: labelOf(active.id).label }),
    }),
    // labelOf reads the ref: the texts are current without rebuilding the object on every keystroke
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t],
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    setItems((prev) => arrayMove(prev, prev.findIndex((x) => x.key === active.id), prev.findIndex((x) => x.key === over.id)));
  };

  const update = (key: string, patch: Partial<DraftItem>) => setItems((prev) => prev.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  const add = (kind: SmartlinkItemKind) => setItems((prev) => [...prev, { key: newKey(), id: null, kind, label: '', url: 'https://', imageUrl: '' }]);
  const errorAt = (path: string) => save.fieldErrors[path];

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <form
        className="space-y-6"
        aria-label={t('content')}
        onSubmit={(e) => {
          e.preventDefault();
          void save.run({ workspaceId, pageId: page.id, ...current });
        }}
      >
        <fieldset disabled={!canEdit} className="space-y-6">
          <Card title={t('content')}>
            <div className="space-y-4">
              <TextField label={t('title')} name="title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={80} required error={errorAt('title')} data-testid="smartlink-title" />
              <TextAreaField label={t('bio')} optional={t('optional')} name="bio" rows={2} value={bio} onChange={(e) => setBio(e.target.value)} maxLength={300} error={errorAt('bio')} />
              <TextField
                label={t('avatarUrl')}
                optional={t('optional')}
                hint={t('avatarHint')}
                name="avatarUrl"
                type="url"
                inputMode="url"
                value={avatarUrl}
                onChange={(e) => setAvatarUrl(e.target.value)}
                error={errorAt('avatarUrl')}
              />
            </div>
          </Card>

          <Card title={t('items')} description={t('itemsHint')}>
            {items.length === 0 ? <p className="text-sm text-zinc-600">{t('noItems')}</p> : null}
            <DndContext
              sensors={sensors}
              collisionDetection={closestCenter}
              // Measure the items before the first key press, so an ArrowUp right after picking one up is not lost.
              measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
              onDragEnd={onDragEnd}
              accessibility={{ announcements, screenReaderInstructions: { draggable: t('announce.instructions') } }}
            >
              <SortableContext items={items.map((i) => i.key)} strategy={verticalListSortingStrategy}>
                <ol className="space-y-3" data-testid="smartlink-items">
                  {items.map((item, index) => (
                    <SortableItem
                      key={item.key}
                      item={item}
                      index={index}
                      total={total}
                      canEdit={canEdit}
                      errorAt={(field) => errorAt(`items.${index}.${field}`)}
                      onChange={(patch) => update(item.key, patch)}
                      onRemove={() => setItems((prev) => prev.filter((x) => x.key !== item.key))}
                    />
                  ))}
                </ol>
              </SortableContext>
            </DndContext>
            {canEdit ? (
              <div className="mt-4 flex flex-wrap gap-2">
                <Button variant="secondary" onClick={() => add('button')} data-testid="add-button">
                  <Link2 aria-hidden className="size-4" />
                  {t('addButton')}
                </Button>
                <Button variant="secondary" onClick={() => add('image')} data-testid="add-image">
                  <ImageIcon aria-hidden className="size-4" />
                  {t('addImage')}
                </Button>
                <Button variant="secondary" onClick={() => add('video')} data-testid="add-video">
                  <PlayCircle aria-hidden className="size-4" />
                  {t('addVideo')}
                </Button>
              </div>
            ) : null}
            <p className="mt-3 text-xs text-zinc-500">{t('removeHint')}</p>
          </Card>

          <Card title={t('theme')}>
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField
                label={t('preset')}
                name="preset"
                value={theme.preset}
                onChange={(e) => setTheme({ ...theme, preset: e.target.value as SmartlinkTheme['preset'] })}
                options={SMARTLINK_THEMES.map((p) => ({ value: p, label: t(`presets.${p}`) }))}
              />
              <SelectField
                label={t('buttonStyle')}
                name="buttonStyle"
                value={theme.buttonStyle}
                onChange={(e) => setTheme({ ...theme, buttonStyle: e.target.value as SmartlinkTheme['buttonStyle'] })}
                options={(['rounded', 'pill', 'square'] as const).map((s) => ({ value: s, label: t(`buttonStyles.${s}`) }))}
              />
              <div className="space-y-2 sm:col-span-2">
                <CheckboxField label={t('useAccent')} checked={theme.accent !== null} onChange={(e) => setTheme({ ...theme, accent: e.target.checked ? '#4338ca' : null })} />
                {theme.accent !== null ? (
                  <div className="flex items-end gap-3">
                    <TextField label={t('accent')} hint={t('accentHint')} name="accent" value={theme.accent} onChange={(e) => setTheme({ ...theme, accent: e.target.value })} error={errorAt('theme.accent')} className="flex-1" />
                    <input
                      type="color"
                      aria-label={t('accent')}
                      value={/^#[0-9a-f]{6}$/i.test(theme.accent) ? theme.accent : '#4338ca'}
                      onChange={(e) => setTheme({ ...theme, accent: e.target.value })}
                      className="mb-6 h-10 w-12 cursor-pointer rounded border border-zinc-300"
                    />
                  </div>
                ) : null}
              </div>
            </div>
          </Card>
        </fieldset>
        {canEdit ? (
          <div className="sticky bottom-0 z-10 -mx-1 flex flex-wrap items-center gap-3 rounded-xl bg-white/95 px-1 py-3 backdrop-blur">
            <Button type="submit" pending={save.isPending} pendingLabel={t('saving')} data-testid="smartlink-save">
              {t('save')}
            </Button>
            <p className="text-sm text-zinc-600" role="status" aria-live="polite">
              {dirty ? t('unsaved') : save.succeeded ? t('saved') : ''}
            </p>
            {save.formError ? (
              <div className="basis-full">
                <FormStatus error={save.formError} />
              </div>
            ) : null}
          </div>
        ) : null}
      </form>
      <aside aria-label={t('preview')} className="lg:sticky lg:top-4 lg:self-start">
        <h2 className="mb-1 text-sm font-semibold text-zinc-900">{t('preview')}</h2>
        <p className="mb-3 text-xs text-zinc-500">{t('previewHint')}</p>
        <SmartlinkPreview
          label={t('preview')}
          title={title}
          bio={bio}
          avatarUrl={avatarUrl}
          theme={{ ...theme, accent: theme.accent && /^#[0-9a-f]{6}$/i.test(theme.accent) ? theme.accent : null }}
          items={items.map((i) => ({ key: i.key, kind: i.kind, label: i.label, imageUrl: i.imageUrl }))}
        />
      </aside>
    </div>
  );
}

function SortableItem({
  item,
  index,
  total,
  canEdit,
  errorAt,
  onChange,
  onRemove,
}: {
  item: DraftItem;
  index: number;
  total: number;
  canEdit: boolean;
  errorAt: (field: string) => string | undefined;
  onChange: (patch: Partial<DraftItem>) => void;
  onRemove: () => void;
}) {
  const t = useTranslations('smartlinks.builder');
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: item.key, disabled: !canEdit });
  const name = item.label || t('itemNumber', { n: index + 1 });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`rounded-lg bg-white p-3 ring-1 ring-inset ring-zinc-200 ${isDragging ? 'relative z-10 shadow-lg' : ''}`}
      data-testid="smartlink-item"
      aria-label={`${t(`kind.${item.kind}`)} ${index + 1} / ${total}: ${name}`}
    >
      <div className="flex items-start gap-2">
        <button
          type="button"
          ref={setActivatorNodeRef}
          {...attributes}
          {...listeners}
          aria-label={t('move', { label: name })}
          className="mt-1 flex size-9 shrink-0 cursor-grab touch-none items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed"
          data-testid="smartlink-item-handle"
        >
          <GripVertical aria-hidden className="size-5" />
        </button>
        <div className="grid min-w-0 flex-1 gap-3 sm:grid-cols-2">
          <SelectField
            label={t('type')}
            value={item.kind}
            onChange={(e) => onChange({ kind: e.target.value as SmartlinkItemKind })}
            options={(['button', 'image', 'video'] as const).map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            className="sm:col-span-2"
          />
          <TextField label={item.kind === 'image' ? t('imageLabel') : t('label')} value={item.label} onChange={(e) => onChange({ label: e.target.value })} maxLength={80} required error={errorAt('label')} data-testid="item-label" />
          <TextField label={t('url')} type="url" inputMode="url" value={item.url} onChange={(e) => onChange({ url: e.target.value })} required error={errorAt('url')} data-testid="item-url" />
          {item.kind !== 'button' ? (
            <TextField
              label={item.kind === 'image' ? t('imageUrl') : t('thumbnailUrl')}
              optional={item.kind === 'video' ? t('optional') : undefined}
              type="url"
              inputMode="url"
              value={item.imageUrl}
              onChange={(e) => onChange({ imageUrl: e.target.value })}
              required={item.kind === 'image'}
              error={errorAt('imageUrl')}
              className="sm:col-span-2"
            />
          ) : null}
        </div>
        {canEdit ? (
          <Button variant="ghost" className="mt-1 px-2" aria-label={t('remove', { label: name })} onClick={onRemove}>
            <Trash2 aria-hidden className="size-4" />
          </Button>
        ) : null}
      </div>
    </li>
  );
}
