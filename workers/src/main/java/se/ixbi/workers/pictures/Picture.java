package se.ixbi.workers.pictures;

import java.awt.image.BufferedImage;

/**
 * A picture of a dataset for people to look at, before it is stored.
 *
 * @param name the file name without {@code .png}, unique within the dataset's pictures
 * @param caption what it shows, in words, as the console prints it under the picture
 */
public record Picture(String name, String caption, BufferedImage image) {
}
