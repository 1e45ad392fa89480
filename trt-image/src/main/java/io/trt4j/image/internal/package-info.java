/**
 * Implementation details of trt-image (Exif parsing, pixel extraction from javax.imageio rasters, resampling tables,
 * half-precision rounding). Not API: may change without notice.
 */
package io.trt4j.image.internal;
