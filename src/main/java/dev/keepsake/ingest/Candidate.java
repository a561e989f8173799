package dev.keepsake.ingest;

import dev.keepsake.media.Inspection;
import dev.keepsake.source.SourceFile;

/** A new or changed source file with what its content turned out to be. */
record Candidate(SourceFile file, Inspection inspection) {}
