package dev.keepsake.media;

/** What kind of file this is, as the layout variable {@code {type}} spells it. */
public enum MediaType {
  PHOTO("photo"),
  VIDEO("video"),
  /** An {@code .xmp} or {@code .aae} file that belongs to a photo or video beside it. */
  SIDECAR("sidecar"),
  OTHER("other");

  private final String label;

  MediaType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean isPrimaryMedia() {
    return this == PHOTO || this == VIDEO;
  }
}
