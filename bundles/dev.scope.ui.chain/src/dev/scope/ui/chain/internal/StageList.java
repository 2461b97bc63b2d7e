package dev.scope.ui.chain.internal;

import java.util.ArrayList;
import java.util.List;

import dev.scope.engine.api.StageSpec;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSource;
import org.eclipse.swt.dnd.DragSourceAdapter;
import org.eclipse.swt.dnd.DragSourceEvent;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The pre- or postprocessor list of the chain editor: a table of stages in chain order (the check
 * box is "enabled": unchecked bypasses the stage), a choice of the pipelines that fit the role with
 * an Add button, and Remove, Move up, Move down. Keys on the table: Delete removes, Alt+Up and
 * Alt+Down move, Space toggles the bypass, Insert goes to the choice (Enter there adds). Rows also
 * move by drag and drop within the table. Every change goes to the {@link Owner}; the list shows
 * what the owner gives it in {@link #show}. Widgets carry {@code test.id}s {@code chain.<role>.*}.
 */
final class StageList {

    /** What the list's changes go to. */
    interface Owner {
        /** The user changed the section's stages ({@code what}: "Adding blur"); {@code loading}: the new stage, or null. */
        void changed(Role role, List<Row> rows, String what, String loading);

        /** The user bypassed (or enabled) the stage at {@code index} of the section. */
        void bypass(Role role, int index, boolean bypass);
    }

    /**
     * A row as shown.
     *
     * @param label the stage's name (and id)
     * @param state its state: "Running", "Failed: why", "Loading ..."
     * @param tooltip the row's tooltip (the failure, the VRAM warning)
     */
    record Shown(String label, String state, String tooltip) {
    }

    /**
     * A choice of the add box.
     *
     * @param id the pipeline id
     * @param label as shown
     * @param tooltip the reason for a mark, or a description
     */
    record Choice(String id, String label, String tooltip) {
    }

    private static final String DRAG_PREFIX = "dev.scope.ui.chain.row:";

    private final Role role;
    private final Owner owner;
    private final Composite box;
    private final Table table;
    private final Combo choice;
    private final Button add;
    private final Button remove;
    private final Button up;
    private final Button down;
    private final Label hint;
    private List<Row> rows = List.of();
    private List<Choice> choices = List.of();

    StageList(Composite parent, Role role, String mnemonicTitle, Owner owner) {
        this.role = role;
        this.owner = owner;
        String id = "chain." + role.name().toLowerCase(java.util.Locale.ROOT);
        box = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(5, false);
        layout.marginHeight = 0;
        layout.verticalSpacing = 3;
        box.setLayout(layout);
        box.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        Label title = new Label(box, SWT.NONE);
        title.setText(mnemonicTitle);
        title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 5, 1));
        table = table(id);
        choice = new Combo(box, SWT.READ_ONLY);
        choice.setData("test.id", id + ".choice");
        choice.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        choice.addListener(SWT.DefaultSelection, e -> add());
        choice.addListener(SWT.Selection, e -> choice.setToolTipText(selectedChoice().tooltip()));
        add = button("Add", id + ".add", "Adds the pipeline chosen on the left (Enter in the choice; Insert in the list goes there)");
        add.addListener(SWT.Selection, e -> add());
        up = button("\u25b2", id + ".up", "Move up: moves the selected stage one up (Alt+Up, or drag it)");
        up.addListener(SWT.Selection, e -> move(-1));
        down = button("\u25bc", id + ".down", "Move down: moves the selected stage one down (Alt+Down, or drag it)");
        down.addListener(SWT.Selection, e -> move(1));
        remove = button("\u2715", id + ".remove", "Remove: removes the selected stage (Delete)");
        remove.addListener(SWT.Selection, e -> remove());
        hint = new Label(box, SWT.WRAP);
        hint.setData("test.id", id + ".hint");
        hint.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 5, 1));
        dragAndDrop();
    }

    private Table table(String id) {
        Table t = new Table(box, SWT.CHECK | SWT.FULL_SELECTION | SWT.BORDER | SWT.SINGLE);
        t.setData("test.id", id + ".table");
        t.setData(StageList.class.getName(), this); // for the tests of the drop logic
        t.setHeaderVisible(true);
        t.setToolTipText("Checked: the stage runs; unchecked: bypassed (Space). Delete removes, Alt+Up/Down moves");
        GridData data = new GridData(SWT.FILL, SWT.FILL, true, true, 5, 1);
        data.heightHint = 64;
        t.setLayoutData(data);
        for (String name : new String[] {"Stage", "State"}) {
            TableColumn c = new TableColumn(t, SWT.NONE);
            c.setText(name);
        }
        // the columns share the table's width (set on every resize, from narrow at first): no
        // horizontal scroll bar, which GTK cannot fit into the table while the workbench lays out
        // its stacks from small sizes ("gtk_box_gadget_distribute: assertion 'size >= 0' failed")
        t.addListener(SWT.Resize, e -> {
            int width = t.getClientArea().width;
            if (width > 0) {
                t.getColumn(0).setWidth(width * 11 / 20);
                t.getColumn(1).setWidth(width - width * 11 / 20);
            }
        });
        t.addListener(SWT.Selection, this::selected);
        t.addListener(SWT.KeyDown, this::key);
        return t;
    }

    private Button button(String text, String id, String tooltip) {
        Button b = new Button(box, SWT.PUSH);
        b.setText(text);
        b.setData("test.id", id);
        b.setToolTipText(tooltip);
        return b;
    }

    private void selected(Event e) {
        if (e.detail == SWT.CHECK && e.item instanceof TableItem item) {
            int index = table.indexOf(item);
            if (index >= 0 && index < rows.size()) {
                owner.bypass(role, index, !item.getChecked());
            }
        }
        buttons();
    }

    private void key(Event e) {
        int at = table.getSelectionIndex();
        if (e.keyCode == SWT.DEL && at >= 0) {
            remove();
        } else if ((e.stateMask & SWT.ALT) != 0 && (e.keyCode == SWT.ARROW_UP || e.keyCode == SWT.ARROW_DOWN)) {
            move(e.keyCode == SWT.ARROW_UP ? -1 : 1);
            e.doit = false; // the selection follows the row, not the arrow
        } else if (e.keyCode == SWT.INSERT) {
            choice.setFocus();
        }
    }

    private Choice selectedChoice() {
        int i = choice.getSelectionIndex();
        return i >= 0 && i < choices.size() ? choices.get(i) : new Choice("", "", null);
    }

    private void add() {
        Choice c = selectedChoice();
        if (c.id().isEmpty() || !choice.isEnabled()) {
            return;
        }
        List<Row> next = new ArrayList<>(rows);
        int at = table.getSelectionIndex() < 0 ? next.size() : table.getSelectionIndex() + 1;
        next.add(at, new Row(StageSpec.of(c.id()), false));
        owner.changed(role, next, "Loading " + c.id(), c.id());
    }

    private void remove() {
        int at = table.getSelectionIndex();
        if (at < 0 || at >= rows.size()) {
            return;
        }
        List<Row> next = new ArrayList<>(rows);
        Row gone = next.remove(at);
        owner.changed(role, next, "Removing " + gone.spec().pipelineId(), null);
        table.setSelection(Math.min(at, next.size() - 1));
    }

    private void move(int by) {
        int from = table.getSelectionIndex();
        moveTo(from, from + by);
    }

    /** Moves the row at {@code from} to {@code to} (an index of the result), selecting it there. */
    void moveTo(int from, int to) {
        if (from < 0 || from >= rows.size() || to < 0 || to >= rows.size() || from == to) {
            return;
        }
        owner.changed(role, Edits.moved(rows, from, to), "Moving " + rows.get(from).spec().pipelineId(), null);
        table.setSelection(to);
    }

    private void dragAndDrop() {
        Transfer[] types = {TextTransfer.getInstance()};
        DragSource source = new DragSource(table, DND.DROP_MOVE);
        source.setTransfer(types);
        source.addDragListener(new DragSourceAdapter() {
            @Override
            public void dragStart(DragSourceEvent event) {
                event.doit = table.getSelectionIndex() >= 0 && table.isEnabled();
            }

            @Override
            public void dragSetData(DragSourceEvent event) {
                event.data = dragData();
            }
        });
        DropTarget target = new DropTarget(table, DND.DROP_MOVE | DND.DROP_DEFAULT);
        target.setTransfer(types);
        target.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent event) {
                event.detail = DND.DROP_MOVE;
                event.feedback = DND.FEEDBACK_SELECT | DND.FEEDBACK_SCROLL;
            }

            @Override
            public void drop(DropTargetEvent event) {
                dropped(event);
            }
        });
    }

    /** A drop on the table: a row of this list moves to the row it was dropped on (or to the end). */
    private void dropped(DropTargetEvent event) {
        if (!drop(event.data, event.item)) {
            event.detail = DND.DROP_NONE; // another list's row, or text from elsewhere
        }
    }

    /** @return what a drag of the selected row carries */
    String dragData() {
        return DRAG_PREFIX + role + ":" + table.getSelectionIndex();
    }

    /**
     * The drop logic: {@code data} dragged from this list onto {@code item} (a row of the table, or
     * null below the rows).
     *
     * @return whether the data was a row of this list
     */
    boolean drop(Object data, org.eclipse.swt.widgets.Widget item) {
        String prefix = DRAG_PREFIX + role + ":";
        if (!(data instanceof String text) || !text.startsWith(prefix)) {
            return false;
        }
        int from = Integer.parseInt(text.substring(prefix.length()));
        int to = item instanceof TableItem row ? table.indexOf(row) : rows.size() - 1;
        moveTo(from, to);
        return true;
    }

    /**
     * Shows the section.
     *
     * @param rows the stages, for edits
     * @param shown how each row looks, as many as {@code rows}
     * @param choices the pipelines the role may take
     * @param enabled whether the section can be edited now
     * @param text a hint or an error beside the list, or ""
     */
    void show(List<Row> rows, List<Shown> shown, List<Choice> choices, boolean enabled, String text) {
        this.rows = List.copyOf(rows);
        table.setItemCount(shown.size());
        for (int i = 0; i < shown.size(); i++) {
            TableItem item = table.getItem(i);
            item.setText(new String[] {shown.get(i).label(), shown.get(i).state()});
            item.setChecked(!rows.get(i).bypass());
        }
        table.setToolTipText(tooltip(shown));
        showChoices(choices);
        table.setEnabled(enabled);
        choice.setEnabled(enabled && !choices.isEmpty());
        add.setEnabled(choice.isEnabled());
        hint.setText(text);
        ((GridData) hint.getLayoutData()).exclude = text.isEmpty();
        hint.setVisible(!text.isEmpty());
        buttons();
        box.layout();
    }

    private static String tooltip(List<Shown> shown) {
        StringBuilder text = new StringBuilder("Checked: the stage runs; unchecked: bypassed (Space). Delete removes,"
                + " Alt+Up/Down moves");
        shown.stream().filter(s -> s.tooltip() != null).forEach(s -> text.append('\n').append(s.tooltip()));
        return text.toString();
    }

    private void showChoices(List<Choice> next) {
        if (next.equals(choices)) {
            return;
        }
        String was = selectedChoice().id();
        choices = List.copyOf(next);
        choice.setItems(next.stream().map(Choice::label).toArray(String[]::new));
        int keep = 0;
        for (int i = 0; i < next.size(); i++) {
            keep = next.get(i).id().equals(was) ? i : keep;
        }
        if (!next.isEmpty()) {
            choice.select(keep);
            choice.setToolTipText(next.get(keep).tooltip());
        }
    }

    private void buttons() {
        int at = table.getSelectionIndex();
        boolean on = table.isEnabled() && at >= 0;
        remove.setEnabled(on);
        up.setEnabled(on && at > 0);
        down.setEnabled(on && at < rows.size() - 1);
    }

    /** @return the table, for focus */
    Table table() {
        return table;
    }
}
