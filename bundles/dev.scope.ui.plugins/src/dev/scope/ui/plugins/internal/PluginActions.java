package dev.scope.ui.plugins.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Item;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;

/**
 * The Plugins view's operations, each offered three ways on the selected row: a tool bar item
 * (with its mnemonic), an item of the table's context menu (right click, the Menu key or
 * Shift+F10) and a key in the view. One that makes no sense for the selected row is disabled and
 * its tooltip says why; its key then says why in the view's message line. Test ids
 * {@code plugins.ID} on the tool items and {@code plugins.menu.ID} on the menu items.
 */
final class PluginActions {

    /**
     * One operation.
     *
     * @param id its test id's last part
     * @param glyph the sign before its text in the tool bar, where it stands for an icon
     * @param label its text, with a mnemonic
     * @param key its key: modifiers | key code (a lower-case letter or an SWT key code)
     * @param keyName the key in words, shown in the menu and the tooltip
     * @param whyNot why it does not apply to the selected row (null for none), or null when it does
     * @param tip what it does to the row, for the tooltip
     * @param run does it (the row is null for an operation that needs none)
     * @param group whether a separator goes before it
     */
    record Action(String id, String glyph, String label, int key, String keyName, Function<PluginRow, String> whyNot,
            Function<PluginRow, String> tip, Consumer<PluginRow> run, boolean group) {
    }

    private final List<Action> actions;
    private final Supplier<PluginRow> selection;
    private final Consumer<String> explain;
    private final List<Item> items = new ArrayList<>();
    private java.util.function.Predicate<String> offered = id -> true;

    /**
     * @param selection the selected row, or null
     * @param explain shows why an operation does not apply, when its key was pressed
     */
    PluginActions(List<Action> actions, Supplier<PluginRow> selection, Consumer<String> explain) {
        this.actions = List.copyOf(actions);
        this.selection = selection;
        this.explain = explain;
    }

    /** @return a tool bar with an item per operation (test id {@code plugins.toolbar}) */
    ToolBar toolBar(Composite parent) {
        ToolBar bar = new ToolBar(parent, SWT.FLAT | SWT.WRAP | SWT.RIGHT);
        bar.setData("test.id", "plugins.toolbar");
        for (Action a : offeredActions()) {
            if (a.group() && bar.getItemCount() > 0) {
                new ToolItem(bar, SWT.SEPARATOR);
            }
            ToolItem item = new ToolItem(bar, SWT.PUSH);
            item.setText(a.glyph() + " " + a.label());
            item.setData("test.id", "plugins." + a.id());
            item.setData(Action.class.getName(), a);
            item.addListener(SWT.Selection, e -> fire(a));
            items.add(item);
        }
        return bar;
    }

    /**
     * Offers only the operations whose ids pass {@code ids} from the next {@link #toolBar} and
     * {@link #contextMenu} on (a server that refuses installs: none of them); their keys do nothing.
     */
    void offer(java.util.function.Predicate<String> ids) {
        offered = ids;
        items.removeIf(Item::isDisposed);
    }

    private List<Action> offeredActions() {
        return actions.stream().filter(a -> offered.test(a.id())).toList();
    }

    /** Gives {@code owner} a context menu with an item per operation, brought up to date when it opens. */
    void contextMenu(Control owner) {
        Menu menu = new Menu(owner);
        menu.setData("test.id", "plugins.menu");
        for (Action a : offeredActions()) {
            if (a.group() && menu.getItemCount() > 0) {
                new MenuItem(menu, SWT.SEPARATOR);
            }
            MenuItem item = new MenuItem(menu, SWT.PUSH);
            item.setText(a.label() + "\t" + a.keyName());
            item.setData("test.id", "plugins.menu." + a.id());
            item.setData(Action.class.getName(), a);
            item.addListener(SWT.Selection, e -> fire(a));
            items.add(item);
        }
        menu.addListener(SWT.Show, e -> update(selection.get()));
        owner.setMenu(menu);
    }

    /** Enables the operations that apply to {@code row} (null: none selected), with tooltips saying why not. */
    void update(PluginRow row) {
        for (Item item : items) {
            if (item.isDisposed()) {
                continue;
            }
            Action a = (Action) item.getData(Action.class.getName());
            String why = a.whyNot().apply(row);
            String tip = why != null ? why : a.tip().apply(row) + " (" + a.keyName() + ")";
            if (item instanceof ToolItem t) {
                t.setEnabled(why == null);
                // the themes colour the tool bar's text, which hides GTK's own look of a disabled item
                t.setForeground(why == null ? null
                        : t.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DISABLED_FOREGROUND));
                t.setToolTipText(tip);
            } else if (item instanceof MenuItem m) {
                m.setEnabled(why == null);
                m.setToolTipText(tip);
            }
        }
    }

    /** Runs the operation whose key this is, if any; it then takes the key. */
    void key(Event e) {
        int mods = e.stateMask & SWT.MODIFIER_MASK;
        int code = e.character == SWT.DEL ? SWT.DEL : Character.toLowerCase(e.keyCode);
        for (Action a : offeredActions()) {
            if (a.key() == (mods | code)) {
                e.doit = false;
                fire(a);
                return;
            }
        }
    }

    private void fire(Action a) {
        PluginRow row = selection.get();
        String why = a.whyNot().apply(row);
        if (why != null) {
            explain.accept(why);
        } else {
            a.run().accept(row);
        }
    }
}
