/// Substring search in linear time (Knuth–Morris–Pratt): `needle in text`, `find`,
/// `index` and `count` on strings of a million characters finish in milliseconds, as
/// in CPython, instead of comparing the needle at every position. The loops poll
/// `checkStop` now and then, so Ctrl-C and --timeout reach a long search.
struct SubstringSearch<Element: Equatable> {
    let needle: [Element]
    /// `failure[i]`: the length of the longest proper border of `needle[0...i]`.
    private let failure: [Int]

    init(_ needle: [Element]) {
        self.needle = needle
        var failure = [Int](repeating: 0, count: needle.count)
        var border = 0
        for index in needle.indices.dropFirst() {
            while border > 0 && needle[index] != needle[border] { border = failure[border - 1] }
            if needle[index] == needle[border] { border += 1 }
            failure[index] = border
        }
        self.failure = failure
    }

    /// Start offsets of matches in `haystack`, left to right; non-overlapping ones when
    /// `overlapping` is false (what `str.count` counts). Stops after `limit` matches.
    func matches(in haystack: [Element], overlapping: Bool = true, limit: Int = .max,
                 checkStop: () throws -> Void) rethrows -> [Int] {
        guard !needle.isEmpty else { return Array(0...min(haystack.count, limit - 1)) }
        var found: [Int] = []
        var matched = 0
        for (index, element) in haystack.enumerated() {
            if index & 0xFFFF == 0xFFFF { try checkStop() }
            while matched > 0 && element != needle[matched] { matched = failure[matched - 1] }
            if element == needle[matched] { matched += 1 }
            if matched == needle.count {
                found.append(index - needle.count + 1)
                if found.count >= limit { return found }
                matched = overlapping ? failure[matched - 1] : 0
            }
        }
        return found
    }
}

extension Interpreter {
    /// The first (or last) offset of `needle` in `haystack`, or nil.
    func findSubstring<Element: Equatable>(_ needle: [Element], in haystack: [Element], last: Bool) throws -> Int? {
        guard needle.count <= haystack.count else { return nil }
        if last {
            let reversed = SubstringSearch(Array(needle.reversed()))
            let match = try reversed.matches(in: Array(haystack.reversed()), limit: 1) { try checkInterrupt() }.first
            return match.map { haystack.count - $0 - needle.count }
        }
        return try SubstringSearch(needle).matches(in: haystack, limit: 1) { try checkInterrupt() }.first
    }
}
