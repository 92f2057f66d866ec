import Foundation
import ArabicText

/// The linter behind `tarjuman kb check`: everything `GlossaryFile` finds in each file, plus
/// what only the whole set shows.
public enum KnowledgeBaseCheck {
    /// Checks files in order, as they would be loaded together.
    ///
    /// Errors: unreadable or broken rows, non-NFC text, invisible characters, unknown types, an
    /// id used twice within one file, an adjective linked to no known entry, and one Arabic
    /// form given two different English canonical forms by entries of the same type and
    /// country. Warnings: rows out of order, and Arabic homographs across types or countries
    /// (عمان is Oman; a given name spelled alike in two countries), which are facts of Arabic
    /// but deserve a look.
    public static func run(files: [URL], context: [NameEntry] = []) throws -> [KnowledgeBaseIssue] {
        var issues: [KnowledgeBaseIssue] = []
        var all: [NameEntry] = context
        for file in files {
            let (entries, found) = try GlossaryFile.read(file, displayName: GlossaryFile.displayName(of: file), thorough: true)
            issues += found
            var seen: [String: Int] = [:]
            for entry in entries {
                if let line = seen[entry.id] {
                    issues.append(KnowledgeBaseIssue(severity: .error, location: entry.location,
                                                     message: "duplicate id '\(entry.id)' (first at line \(line))"))
                }
                seen[entry.id] = entry.location.line
            }
            all += entries
        }
        let kb = NameKnowledgeBase(entries: all)
        let checked = Set(files.map(GlossaryFile.displayName(of:)))
        let normalizer = ArabicNormalizer.matching
        var owners: [String: [NameEntry]] = [:]
        for entry in kb.entries {
            for form in Set(entry.arabicForms.map { normalizer.normalize($0) }) {
                owners[form, default: []].append(entry)
            }
            guard checked.contains(entry.location.file) else { continue }
            if !entry.link.isEmpty && kb.entry(id: entry.link) == nil {
                issues.append(KnowledgeBaseIssue(severity: .error, location: entry.location,
                                                 message: "link '\(entry.link)' names no entry"))
            }
        }
        for (form, entries) in owners where entries.count > 1 {
            let english = Set(entries.map(\.english))
            guard english.count > 1 else { continue }
            for (index, entry) in entries.enumerated() where checked.contains(entry.location.file) {
                let others = entries.enumerated().filter { $0.offset != index }.map(\.element)
                let clash = others.filter { $0.type == entry.type && $0.country == entry.country && $0.english != entry.english }
                if let other = clash.first {
                    issues.append(KnowledgeBaseIssue(
                        severity: .error, location: entry.location,
                        message: "Arabic form '\(form)' is '\(entry.english)' here but '\(other.english)' at \(other.location)"))
                } else if let other = others.first(where: { $0.english != entry.english }), index == 0 {
                    issues.append(KnowledgeBaseIssue(
                        severity: .warning, location: entry.location,
                        message: "Arabic form '\(form)' also names '\(other.english)' (\(other.type.rawValue), \(other.location))"))
                }
            }
        }
        return issues.sorted { ($0.location.file, $0.location.line, $0.message) < ($1.location.file, $1.location.line, $1.message) }
    }
}
