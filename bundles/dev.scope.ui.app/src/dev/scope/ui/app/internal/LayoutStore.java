package dev.scope.ui.app.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import dev.scope.engine.api.PluginManager;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.internal.workbench.E4Workbench;
import org.eclipse.e4.ui.internal.workbench.E4XMIResource;
import org.eclipse.e4.ui.internal.workbench.E4XMIResourceFactory;
import org.eclipse.e4.ui.internal.workbench.ModelAssembler;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.IModelResourceHandler;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.resource.impl.ResourceSetImpl;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Where the workbench's layout lives: {@code $SCOPE_HOME/workbench/layout.xmi}, not Equinox's
 * instance area (a cache). The e4 workbench creates it as its model resource handler (the
 * product's {@code modelResourceHandler}) and calls it once to load the model and once, at exit,
 * to save it. It also reads the theme (see {@link UiSettings}) before the workbench styles itself.
 *
 * <p>The saved layout is used when it was saved from the same {@code Application.e4xmi} (its
 * SHA-256 is kept beside it); a layout saved by another version, or one that cannot be read, is
 * moved aside with one notice and the workbench starts from the application model. Saving writes
 * a temporary file and moves it into place. Model fragments of the other UI bundles are merged on
 * every start. Called on the UI thread.
 */
public final class LayoutStore implements IModelResourceHandler {

    /** The context key of the {@code List<String>} of notices for the status line. */
    public static final String NOTICES = "dev.scope.ui.app.notices";

    private final ResourceSet resources = new ResourceSetImpl();
    private final IEclipseContext context;
    private final Path file;
    private final Path stampFile;
    private final URI baseModel;
    private final boolean persist;
    private final boolean clear;
    private final List<String> notices = new ArrayList<>();
    private Resource resource;
    private String stamp;

    /**
     * @param context the application context
     * @param plugins where the state directory is
     * @param baseModel the URI of Application.e4xmi
     * @param persist whether the layout is saved and restored ({@code -persistState false}: not)
     * @param clear whether to start from the application model ({@code -clearPersistedState})
     */
    @Inject
    public LayoutStore(IEclipseContext context, PluginManager plugins,
            @Named(E4Workbench.INITIAL_WORKBENCH_MODEL_URI) URI baseModel,
            @Named(IWorkbench.PERSIST_STATE) boolean persist,
            @Named(IWorkbench.CLEAR_PERSISTED_STATE) boolean clear) {
        this.context = context;
        Path dir = plugins.home().resolve("workbench");
        this.file = dir.resolve("layout.xmi");
        this.stampFile = dir.resolve("layout.xmi.sha256");
        this.baseModel = baseModel;
        this.persist = persist;
        this.clear = clear;
        // read before the workbench styles itself: E4Application takes the theme from this property
        System.setProperty("cssTheme", UiSettings.read(plugins.home(), notices).theme());
    }

    @PostConstruct
    void init() {
        resources.getResourceFactoryRegistry().getExtensionToFactoryMap()
                .put(Resource.Factory.Registry.DEFAULT_EXTENSION, new E4XMIResourceFactory());
        context.set(NOTICES, notices);
    }

    @Override
    public Resource loadMostRecentModel() {
        byte[] base = readBase();
        stamp = sha256(base);
        resource = persist && !clear ? loadSaved() : null;
        boolean initial = resource == null;
        if (initial) {
            resource = resources.createResource(URI.createFileURI(file.toString()));
            try (InputStream in = new java.io.ByteArrayInputStream(base)) {
                resource.load(in, Map.of());
            } catch (IOException e) {
                throw new IllegalStateException("the application model " + baseModel + " cannot be read: "
                        + e.getMessage(), e);
            }
        }
        MApplication app = (MApplication) resource.getContents().get(0);
        context.set(MApplication.class, app);
        ModelAssembler assembler = context.get(ModelAssembler.class);
        ContextInjectionFactory.invoke(assembler, PostConstruct.class, context);
        assembler.processModel(initial);
        return resource;
    }

    /** @return the saved layout, or null when there is none or it is not usable (then moved aside) */
    private Resource loadSaved() {
        if (!Files.exists(file)) {
            return null;
        }
        String why;
        try {
            if (!stamp.equals(Files.exists(stampFile) ? Files.readString(stampFile).strip() : "")) {
                why = "it was saved by another version of the workbench";
            } else {
                Resource saved = resources.getResource(URI.createFileURI(file.toString()), true);
                if (!saved.getContents().isEmpty() && saved.getContents().get(0) instanceof MApplication app
                        && !app.getChildren().isEmpty()) {
                    return saved;
                }
                why = "it has no window";
            }
        } catch (IOException | RuntimeException e) { // EMF wraps parse errors in a RuntimeException
            why = "it cannot be read: " + firstLine(e);
        }
        resources.getResources().clear();
        notices.add(moveAside(why));
        return null;
    }

    private String moveAside(String why) {
        Path aside = file.resolveSibling("layout.xmi.unreadable-" + Instant.now().toEpochMilli());
        try {
            Files.move(file, aside);
            return "the saved layout was not used (" + why + "); it was moved to " + aside
                    + " and the default layout is shown";
        } catch (IOException e) {
            return "the saved layout was not used (" + why + ") and could not be moved aside: " + e.getMessage();
        }
    }

    @Override
    public void save() throws IOException {
        if (!persist || resource == null) {
            return;
        }
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), ".layout-", ".xmi");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                resource.save(out, Map.of(E4XMIResource.OPTION_FILTER_PERSIST_STATE, Boolean.TRUE));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path stampTmp = Files.writeString(Files.createTempFile(file.getParent(), ".layout-", ".sha256"), stamp);
            Files.move(stampTmp, stampFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public Resource createResourceWithApp(MApplication app) {
        Resource r = resources.createResource(URI.createFileURI(file.toString()));
        r.getContents().add((org.eclipse.emf.ecore.EObject) app);
        return r;
    }

    private byte[] readBase() {
        try (InputStream in = java.net.URI.create(baseModel.toString()).toURL().openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("the application model " + baseModel + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The innermost reason in words (EMF wraps the XML parser's in its own), without class names. */
    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        if (m == null || m.isBlank()) {
            return "it is not a layout file";
        }
        return m.lines().findFirst().orElse(m);
    }
}
