package dev.scope.ui.preview;

/** How a {@link PreviewCanvas} arranges its frames. */
public enum PreviewLayout {
    /** The input frame on the left half, the output frame on the right half, each letterboxed. */
    SIDE_BY_SIDE,
    /** The output frame alone, letterboxed in the whole canvas; offered input frames are let go unpainted. */
    OUTPUT_ONLY
}
