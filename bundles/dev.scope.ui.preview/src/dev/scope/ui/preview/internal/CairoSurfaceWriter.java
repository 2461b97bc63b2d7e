package dev.scope.ui.preview.internal;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.Optional;

import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;

/**
 * The fast writer: one ImageData-backed image per frame size, whose cairo image surface gets each
 * frame by one {@code memmove} (0.06-0.14 ms at 720p-1080p, against 3-11 ms for a new image).
 *
 * <p>It goes through SWT internals, found by reflection in SWT's own class loader so that nothing
 * is imported: the public (but "noreference") field {@code Image.surface} of SWT on GTK, and the
 * natives {@code org.eclipse.swt.internal.cairo.Cairo} and {@code org.eclipse.swt.internal.C}
 * (exported {@code x-internal}; Equinox does not enforce that outside strict mode). Checked on SWT
 * 3.135.0 / GTK 3.24. Where they are missing {@link #find()} is empty; where an image's surface is
 * not a plain 32-bit image surface of the frame's size (another zoom, another format) it falls
 * back to a {@link NewImageWriter} for good and says so once in the log.
 */
public final class CairoSurfaceWriter implements SurfaceWriter {

    private static final System.Logger LOG = System.getLogger("dev.scope.ui.preview");
    private static final int FORMAT_ARGB32 = 0;
    private static final int FORMAT_RGB24 = 1;

    private final Field surface;
    private final MethodHandle flush;
    private final MethodHandle data;
    private final MethodHandle markDirty;
    private final MethodHandle memmove;
    private final MethodHandle format;
    private final MethodHandle width;
    private final MethodHandle height;
    private final MethodHandle stride;
    private NewImageWriter fallback;

    private CairoSurfaceWriter(ClassLoader swt) throws ReflectiveOperationException {
        Class<?> cairo = Class.forName("org.eclipse.swt.internal.cairo.Cairo", true, swt);
        Class<?> c = Class.forName("org.eclipse.swt.internal.C", true, swt);
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        MethodType ofSurface = MethodType.methodType(void.class, long.class);
        MethodType intOfSurface = MethodType.methodType(int.class, long.class);
        surface = Image.class.getField("surface");
        flush = lookup.findStatic(cairo, "cairo_surface_flush", ofSurface);
        markDirty = lookup.findStatic(cairo, "cairo_surface_mark_dirty", ofSurface);
        data = lookup.findStatic(cairo, "cairo_image_surface_get_data", MethodType.methodType(long.class, long.class));
        format = lookup.findStatic(cairo, "cairo_image_surface_get_format", intOfSurface);
        width = lookup.findStatic(cairo, "cairo_image_surface_get_width", intOfSurface);
        height = lookup.findStatic(cairo, "cairo_image_surface_get_height", intOfSurface);
        stride = lookup.findStatic(cairo, "cairo_image_surface_get_stride", intOfSurface);
        memmove = lookup.findStatic(c, "memmove", MethodType.methodType(void.class, long.class, int[].class, long.class));
    }

    /** @return the writer, or empty where this SWT lacks the internals it needs (logged at DEBUG) */
    public static Optional<CairoSurfaceWriter> find() {
        try {
            return Optional.of(new CairoSurfaceWriter(Image.class.getClassLoader()));
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            LOG.log(Level.DEBUG, "preview: SWT's cairo internals are not available (" + e
                    + "); every frame becomes a new image");
            return Optional.empty();
        }
    }

    @Override
    public Image write(Display display, Image image, int[] bgrx, int w, int h) {
        if (fallback != null) {
            return fallback.write(display, image, bgrx, w, h);
        }
        Image target = image;
        if (target == null || !sized(target, w, h)) {
            if (target != null) {
                target.dispose();
            }
            target = new Image(display, SurfaceWriter.blank(w, h));
        }
        try {
            long s = fits(target, w, h);
            if (s != 0) {
                flush.invokeExact(s);
                long pixels = (long) data.invokeExact(s);
                memmove.invokeExact(pixels, bgrx, (long) w * h * 4);
                markDirty.invokeExact(s);
                return target;
            }
        } catch (Throwable e) { // the natives' signatures are checked at lookup: only an Error gets here
            LOG.log(Level.INFO, "preview: writing into the image's cairo surface failed (" + e
                    + "); every frame becomes a new image from now on");
        }
        fallback = new NewImageWriter();
        return fallback.write(display, target, bgrx, w, h);
    }

    private static boolean sized(Image image, int w, int h) {
        Rectangle b = image.getBounds();
        return b.width == w && b.height == h;
    }

    /** @return the image's surface when it is a plain 32-bit image surface of w x h, else 0 (logged) */
    private long fits(Image image, int w, int h) throws Throwable {
        long s = surface.getLong(image);
        if (s == 0) {
            LOG.log(Level.INFO, "preview: the image has no cairo surface; every frame becomes a new image from now on");
        } else {
            int f = (int) format.invokeExact(s);
            int sw = (int) width.invokeExact(s);
            int sh = (int) height.invokeExact(s);
            int st = (int) stride.invokeExact(s);
            if ((f == FORMAT_RGB24 || f == FORMAT_ARGB32) && sw == w && sh == h && st == w * 4) {
                return s;
            }
            LOG.log(Level.INFO, "preview: the image's cairo surface is format " + f + ", " + sw + "x" + sh
                    + ", stride " + st + " for a " + w + "x" + h + " frame; every frame becomes a new image from now on");
        }
        return 0;
    }

    @Override
    public String name() {
        return fallback == null ? "cairo-surface" : "new-image";
    }
}
