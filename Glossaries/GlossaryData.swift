// SwiftPM ships this folder's TSV files as the resources of the `GlossaryData` target; this file
// is the one source such a target needs, and tells the loader where the files are installed.
import Foundation

public enum GlossaryData {
    /// The folder holding the bundled data files (manifest.tsv and the files it names).
    public static var directory: URL? {
        Bundle.module.url(forResource: "manifest", withExtension: "tsv")?.deletingLastPathComponent()
    }
}
