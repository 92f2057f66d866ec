import ICUBridge

extension GlossaryResult {
    public enum SortOrder: String, CaseIterable, Sendable {
        /// Most frequent first (the default), then Arabic order.
        case count
        /// Arabic alphabetical order (ICU's Arabic collation).
        case arabic
        /// English alphabetical order.
        case english
    }

    /// The entries in an order; ties fall back to Arabic order, then id, so the order is total.
    public func sorted(by order: SortOrder) -> GlossaryResult {
        let collator = try? Collator(locale: "ar")
        let keys = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, collator?.sortKey($0.arabic) ?? Array($0.arabic.utf8)) })
        func arabicLess(_ a: GlossaryEntry, _ b: GlossaryEntry) -> Bool {
            let ka = keys[a.id]!, kb = keys[b.id]!
            if ka != kb { return ka.lexicographicallyPrecedes(kb) }
            return a.id < b.id
        }
        var copy = self
        copy.entries = entries.sorted { a, b in
            switch order {
            case .count:
                if a.count != b.count { return a.count > b.count }
                return arabicLess(a, b)
            case .arabic:
                return arabicLess(a, b)
            case .english:
                let la = a.latin.lowercased(), lb = b.latin.lowercased()
                if la != lb { return la < lb }
                return arabicLess(a, b)
            }
        }
        return copy
    }

    /// The entries seen at least `minCount` times, known ones only if asked, of some types only.
    public func filtered(minCount: Int = 1, knownOnly: Bool = false, types: Set<String>? = nil) -> GlossaryResult {
        var copy = self
        copy.entries = entries.filter { e in
            e.count >= minCount && (!knownOnly || e.status == .known) && (types.map { $0.contains(e.type) } ?? true)
        }
        return copy
    }
}
