package dev.keepsake.takeout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class TakeoutFoldersTest {
  @Test
  void yearFoldersAreTakeoutsOwnNamesNotAlbumsWithAYear() {
    assertThat(TakeoutFolders.isYearFolder("Takeout/Google Photos/Photos from 2019")).isTrue();
    assertThat(TakeoutFolders.isYearFolder("Takeout/Google Fotos/Fotos von 2005")).isTrue();
    assertThat(TakeoutFolders.isYearFolder("Takeout/Google Photos/Photos de 1999")).isTrue();
    assertThat(TakeoutFolders.isYearFolder("Takeout/Google Photos/Summer 2019")).isFalse();
    assertThat(TakeoutFolders.isYearFolder("Takeout/Google Photos/Hawaii 2019")).isFalse();
    assertThat(TakeoutFolders.isYearFolder("Takeout/Google Photos/Photos from 2019/sub")).isFalse();
    assertThat(TakeoutFolders.isYearFolder("")).isFalse();
  }
}
