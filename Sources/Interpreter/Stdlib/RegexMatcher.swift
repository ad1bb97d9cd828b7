/// A backtracking matcher over a `RegexNode` tree, with Python `re`'s leftmost,
/// first-alternative-wins semantics. Each way of matching continues into `next`, the rest
/// of the pattern; it polls `poll` (the program's stop: a timeout, Ctrl-C) every few
/// thousand steps, so a pattern that backtracks exponentially ends with the program's
/// timeout instead of hanging, and checks the native stack so deep backtracking over a
/// long string is a RecursionError rather than a crash.
final class RegexMatcher {
    private let text: [Character]
    /// Matching sees `text[..<end]` only (`pattern.match(s, pos, endpos)`).
    private let end: Int
    /// Group n's span is `captures[2n]..<captures[2n+1]`; -1 when it did not take part.
    private(set) var captures: [Int]
    private let poll: () throws -> Void
    private var steps = 0

    init(text: [Character], end: Int, groupCount: Int, poll: @escaping () throws -> Void) {
        self.text = text
        self.end = end
        self.captures = Array(repeating: -1, count: 2 * (groupCount + 1))
        self.poll = poll
    }

    enum Mode { case match, fullMatch, search }

    /// The first match starting at `start` (or, searching, at or after it): the captures,
    /// group 0 the whole match. An empty match at `emptyForbiddenAt` does not count,
    /// as `finditer` and `sub` require after an empty match there.
    func run(_ root: RegexNode, from start: Int, mode: Mode, emptyForbiddenAt: Int? = nil) throws -> [Int]? {
        guard start <= end else { return nil }
        for origin in start...end {
            for slot in captures.indices { captures[slot] = -1 }
            let matched = try match(root, origin) { finish in
                if mode == .fullMatch && finish != end { return false }
                if finish == origin && origin == emptyForbiddenAt { return false }
                captures[0] = origin
                captures[1] = finish
                return true
            }
            if matched { return captures }
            if mode != .search { return nil }
        }
        return nil
    }

    private func step() throws {
        steps += 1
        if steps & 63 == 0 {
            try NativeStack.check()
            if steps & 4095 == 0 { try poll() }
        }
    }

    private func match(_ node: RegexNode, _ position: Int, _ next: (Int) throws -> Bool) throws -> Bool {
        try step()
        switch node {
        case .empty:
            return try next(position)
        case .character, .any, .set:
            return position < end && matchesOne(node, text[position]) ? try next(position + 1) : false
        case let .sequence(items):
            return try matchSequence(items, 0, position, next)
        case let .alternation(branches):
            for branch in branches where try match(branch, position, next) { return true }
            return false
        case let .group(index, body):
            guard let index else { return try match(body, position, next) }
            let saved = (captures[2 * index], captures[2 * index + 1])
            if try match(body, position, { finish in
                let inner = (captures[2 * index], captures[2 * index + 1])
                (captures[2 * index], captures[2 * index + 1]) = (position, finish)
                if try next(finish) { return true }
                (captures[2 * index], captures[2 * index + 1]) = inner
                return false
            }) { return true }
            (captures[2 * index], captures[2 * index + 1]) = saved
            return false
        case let .repetition(body, minimum, maximum, greedy, possessive):
            if possessive { return try matchPossessive(body, minimum, maximum, position, next) }
            if isSingleCharacter(body) { return try repeatSingle(body, minimum, maximum, greedy, position, next) }
            return try repeatGeneral(body, minimum, maximum, greedy, count: 0, position, next)
        case let .backReference(group, ignoreCase):
            let start = captures[2 * group], finish = captures[2 * group + 1]
            guard start >= 0, finish >= start else { return false }
            let length = finish - start
            guard position + length <= end else { return false }
            for offset in 0..<length where !regexCharactersEqual(text[start + offset], text[position + offset], ignoreCase: ignoreCase) {
                return false
            }
            return try next(position + length)
        case let .anchor(anchor):
            return try holds(anchor, at: position) ? next(position) : false
        case let .lookaround(body, ahead, negative, width):
            let origin = ahead ? position : position - width
            let saved = captures
            let found = origin >= 0 ? try match(body, origin) { finish in ahead || finish == position } : false
            if found == negative {
                captures = saved
                return false
            }
            if negative { captures = saved }
            if try next(position) { return true }
            captures = saved
            return false
        case let .atomic(body):
            let saved = captures
            var finish: Int?
            _ = try match(body, position) { reached in
                finish = reached
                return true
            }
            if let finish, try next(finish) { return true }
            captures = saved
            return false
        }
    }

    private func matchSequence(_ items: [RegexNode], _ index: Int, _ position: Int, _ next: (Int) throws -> Bool) throws -> Bool {
        guard index < items.count else { return try next(position) }
        return try match(items[index], position) { reached in try matchSequence(items, index + 1, reached, next) }
    }

    private func isSingleCharacter(_ node: RegexNode) -> Bool {
        switch node {
        case .character, .any, .set: return true
        default: return false
        }
    }

    private func matchesOne(_ node: RegexNode, _ character: Character) -> Bool {
        switch node {
        case let .character(expected, ignoreCase): return regexCharactersEqual(expected, character, ignoreCase: ignoreCase)
        case let .any(dotAll): return dotAll || character != "\n"
        case let .set(set, ignoreCase): return set.contains(character, ignoreCase: ignoreCase)
        default: return false
        }
    }

    /// `x*`, `[a-z]+?` over single characters: count the run once, then try its lengths in
    /// order, with no recursion per character.
    private func repeatSingle(_ body: RegexNode, _ minimum: Int, _ maximum: Int?, _ greedy: Bool,
                              _ position: Int, _ next: (Int) throws -> Bool) throws -> Bool {
        let limit = min(end - position, maximum ?? Int.max)
        var run = 0
        while run < limit, matchesOne(body, text[position + run]) {
            run += 1
            if run & 0xFFFF == 0 { try poll() }
        }
        guard run >= minimum else { return false }
        if greedy {
            for length in stride(from: run, through: minimum, by: -1) {
                try step()
                if try next(position + length) { return true }
            }
        } else {
            for length in minimum...run {
                try step()
                if try next(position + length) { return true }
            }
        }
        return false
    }

    /// A repeated group: one more iteration, or stop, in the order greediness says. An
    /// iteration that matches nothing ends the repetition, so `(a*)*` cannot loop forever.
    private func repeatGeneral(_ body: RegexNode, _ minimum: Int, _ maximum: Int?, _ greedy: Bool, count: Int,
                               _ position: Int, _ next: (Int) throws -> Bool) throws -> Bool {
        let mayStop = count >= minimum
        let mayContinue = maximum.map { count < $0 } ?? true
        func iterate() throws -> Bool {
            guard mayContinue else { return false }
            return try match(body, position) { reached in
                // An empty iteration counts (its groups are kept, as in CPython) but ends the loop.
                if reached == position && mayStop { return try next(reached) }
                return try repeatGeneral(body, minimum, maximum, greedy, count: count + 1, reached, next)
            }
        }
        if greedy {
            if try iterate() { return true }
            return mayStop ? try next(position) : false
        }
        if mayStop, try next(position) { return true }
        return try iterate()
    }

    /// `x*+`, `x{2,}+`: as many iterations as match, each taken the first way it matches.
    private func matchPossessive(_ body: RegexNode, _ minimum: Int, _ maximum: Int?,
                                 _ position: Int, _ next: (Int) throws -> Bool) throws -> Bool {
        let saved = captures
        var reached = position
        var count = 0
        while maximum.map({ count < $0 }) ?? true {
            var finish: Int?
            _ = try match(body, reached) { stop in
                finish = stop
                return true
            }
            guard let finish else { break }
            count += 1
            let advanced = finish != reached
            reached = finish
            // An empty iteration would repeat forever: it stands for all the rest.
            if !advanced {
                count = max(count, minimum)
                break
            }
        }
        if count >= minimum, try next(reached) { return true }
        captures = saved
        return false
    }

    private func holds(_ anchor: RegexAnchor, at position: Int) throws -> Bool {
        switch anchor {
        case let .lineStart(multiline):
            return position == 0 || (multiline && text[position - 1] == "\n")
        case let .lineEnd(multiline):
            if position == end || (position == end - 1 && text[position] == "\n") { return true }
            return multiline && position < end && text[position] == "\n"
        case .stringStart: return position == 0
        case .stringEnd: return position == end
        case let .wordBoundary(ascii): return isBoundary(position, ascii: ascii)
        case let .notWordBoundary(ascii): return !isBoundary(position, ascii: ascii)
        }
    }

    private func isBoundary(_ position: Int, ascii: Bool) -> Bool {
        let before = position > 0 && RegexCharacterSet.isWord(text[position - 1], ascii: ascii)
        let after = position < end && RegexCharacterSet.isWord(text[position], ascii: ascii)
        return before != after
    }
}
