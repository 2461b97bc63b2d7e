package dev.scope.ui.stream;

/** Where a stream is in its life. */
public enum StreamStatus {
    /** Nothing runs. */
    STOPPED,
    /** The source is opening and the pipelines are loading. */
    STARTING,
    /** Frames flow. */
    STREAMING,
    /** The session holds: no stage is called, a file source keeps its place. */
    PAUSED
}
