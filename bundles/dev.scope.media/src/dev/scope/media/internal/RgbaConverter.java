package dev.scope.media.internal;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_SPC_BT709;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_FLAG_RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGBA;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_DEFAULT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU709;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import java.io.IOException;
import java.nio.ByteBuffer;

import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.PointerScope;

/**
 * Converts decoded pictures into new RGBA8 frames with swscale, whatever the decoder's linesize.
 * swscale's SIMD code writes whole blocks of pixels, so a row whose width is not a multiple of
 * {@value #BLOCK} pixels can spill up to a block past its end (24 bytes measured at 202 pixels),
 * and its input code reads the same way; such pictures go through a buffer with padded rows and
 * are copied row by row, all others are written straight into the frame's memory. YUV sources tagged BT.709 or full range are converted with
 * those coefficients; untagged ones as BT.601 limited range, which is also what the recorder
 * writes. Used by one thread at a time.
 */
final class RgbaConverter implements AutoCloseable {

    /** Pixels a row must be a multiple of to be written straight into a frame. */
    static final int BLOCK = 16;

    private final PointerPointer<BytePointer> target = new PointerPointer<>(4);
    private final IntPointer targetStride = new IntPointer(4L);
    private SwsContext context;
    private String colorKey = "";
    private ByteBuffer padded;
    private final HostPixels host = new HostPixels();

    /**
     * @param picture a decoded picture in any pixel format swscale reads
     * @param frames where the frame comes from
     * @return a new writable host frame of the picture's size, owned by the caller
     * @throws IOException when swscale has no conversion from the picture's format
     */
    Frame convert(AVFrame picture, FrameAllocator frames) throws IOException {
        int width = picture.width();
        int height = picture.height();
        int format = picture.format();
        SwsContext next = sws_getCachedContext(context, width, height, format,
                width, height, AV_PIX_FMT_RGBA, SWS_BILINEAR, null, null, (DoublePointer) null);
        if (next == null) {
            throw new IOException("no conversion from pixel format " + format + " (" + width + "x" + height + ") to RGBA");
        }
        if (next != context) {
            colorKey = "";
        }
        context = next;
        applyColorDetails(picture);
        Frame frame = frames.allocateUninitialized(width, height); // every byte is written below
        int row = width * HostPixels.BYTES_PER_PIXEL;
        ByteBuffer pixels = host.target(frame);
        if (width % BLOCK == 0) {
            scale(picture, pixels, row);
        } else {
            int stride = paddedRow(width);
            if (padded == null || padded.capacity() < stride * height) {
                padded = ByteBuffer.allocateDirect(stride * height);
            }
            scale(picture, padded, stride);
            for (int y = 0; y < height; y++) {
                pixels.put(y * row, padded, y * stride, row);
            }
        }
        host.commit(frame, pixels);
        return frame;
    }

    /** @return the bytes of an RGBA row of {@code width} pixels rounded up to whole blocks */
    static int paddedRow(int width) {
        return (width + BLOCK - 1) / BLOCK * BLOCK * HostPixels.BYTES_PER_PIXEL;
    }

    private void scale(AVFrame picture, ByteBuffer memory, int stride) {
        try (PointerScope scope = new PointerScope()) {
            target.put(0, new BytePointer(memory));
            targetStride.put(0, stride);
            sws_scale(context, picture.data(), picture.linesize(), 0, picture.height(), target, targetStride);
        }
    }

    private void applyColorDetails(AVFrame picture) {
        int format = picture.format();
        if ((av_pix_fmt_desc_get(format).flags() & AV_PIX_FMT_FLAG_RGB) != 0) {
            return;
        }
        int matrix = picture.colorspace() == AVCOL_SPC_BT709 ? SWS_CS_ITU709 : SWS_CS_DEFAULT;
        // the deprecated yuvj formats are full range whether or not the frame says so
        boolean fullRange = picture.color_range() == AVCOL_RANGE_JPEG
                || av_get_pix_fmt_name(format).getString().startsWith("yuvj");
        String key = matrix + (fullRange ? "/full" : "/limited");
        if (!key.equals(colorKey)) {
            // brightness 0, contrast and saturation 1.0 in 16.16 fixed point: swscale's defaults
            sws_setColorspaceDetails(context, sws_getCoefficients(matrix), fullRange ? 1 : 0,
                    sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
            colorKey = key;
        }
    }

    @Override
    public void close() {
        sws_freeContext(context);
        context = null;
        target.close();
        targetStride.close();
    }
}
