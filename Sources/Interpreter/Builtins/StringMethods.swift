import TensorEngine

/// The less common `str` methods: searching, padding, case tests.
extension Interpreter {
    func moreStringMethods(_ text: String, _ name: String, _ method: (@escaping (Interpreter, CallArguments) throws -> Value) -> Value) -> Value? {
        if let search = stringSearchMethod(text, name, method) { return search }
        let characters = Array(text)
        func padded(_ width: Value?, _ fill: Value?, _ align: (Int) -> (Int, Int)) throws -> Value {
            let total = Int(try pythonInt(width ?? .none))
            try limits.checkStringBytes(total)
            var fillCharacter: Character = " "
            if case let .string(fillText)? = fill, let first = fillText.first, fillText.count == 1 { fillCharacter = first }
            let missing = total > characters.count ? total - characters.count : 0  // -2**63 pads nothing
            let (left, right) = align(missing)
            return .string(String(repeating: fillCharacter, count: left) + text + String(repeating: fillCharacter, count: right))
        }
        func test(_ predicate: @escaping (Character) -> Bool) -> Value {
            method { _, _ in .bool(!characters.isEmpty && characters.allSatisfy(predicate)) }
        }
        switch name {
        case "center": return method { interpreter, arguments in
            try padded(arguments.positional.first, arguments.positional.dropFirst().first) { missing in
                // CPython puts the odd extra character on the left when the text length is odd.
                let left = missing / 2 + (missing & characters.count & 1)
                return (left, missing - left)
            }
        }
        case "ljust": return method { _, arguments in try padded(arguments.positional.first, arguments.positional.dropFirst().first) { (0, $0) } }
        case "rjust": return method { _, arguments in try padded(arguments.positional.first, arguments.positional.dropFirst().first) { ($0, 0) } }
        case "zfill": return method { interpreter, arguments in
            let width = Int(try interpreter.pythonInt(arguments.positional.first ?? .none))
            try interpreter.limits.checkStringBytes(width)
            let signed = characters.first == "-" || characters.first == "+"
            let zeros = String(repeating: "0", count: width > characters.count ? width - characters.count : 0)
            return .string(signed ? String(characters[0]) + zeros + String(characters.dropFirst()) : zeros + text)
        }
        case "title": return method { _, _ in
            var result = ""
            var previousIsLetter = false
            for character in text {
                result += previousIsLetter ? character.lowercased() : character.uppercased()
                previousIsLetter = character.isLetter
            }
            return .string(result)
        }
        case "capitalize": return method { _, _ in .string(text.prefix(1).uppercased() + text.dropFirst().lowercased()) }
        case "swapcase": return method { _, _ in
            .string(String(text.map { $0.isUppercase ? Character($0.lowercased()) : Character($0.uppercased()) }))
        }
        case "lstrip": return method { _, _ in .string(String(text.drop { $0.isWhitespace })) }
        case "rstrip": return method { _, _ in .string(String(text.reversed().drop { $0.isWhitespace }.reversed())) }
        case "splitlines": return method { _, _ in
            .list(ListStorage(text.split(separator: "\n", omittingEmptySubsequences: false).map { .string(String($0)) }.dropLast(text.hasSuffix("\n") ? 1 : 0)))
        }
        case "isdigit", "isnumeric", "isdecimal": return test { $0.isNumber }
        case "isalpha": return test { $0.isLetter }
        case "isalnum": return test { $0.isLetter || $0.isNumber }
        case "isspace": return test { $0.isWhitespace }
        case "isupper": return method { _, _ in .bool(characters.contains { $0.isCased } && !characters.contains { $0.isLowercase }) }
        case "islower": return method { _, _ in .bool(characters.contains { $0.isCased } && !characters.contains { $0.isUppercase }) }
        default: return nil
        }
    }

    /// `find`, `rfind`, `index`, `rindex` and `count`, with their optional start and end.
    private func stringSearchMethod(_ text: String, _ name: String, _ method: (@escaping (Interpreter, CallArguments) throws -> Value) -> Value) -> Value? {
        func needle(_ arguments: CallArguments) throws -> String {
            guard case let .string(part)? = arguments.positional.first else {
                throw PythonError.typeError("must be str, not \(arguments.positional.first?.typeName ?? "NoneType")")
            }
            return part
        }
        let characters = Array(text)
        /// The part `find`/`count`'s optional start and end select, read as a slice's bounds
        /// are; nil when it is empty because start passes end.
        func window(_ arguments: CallArguments) throws -> Range<Int>? {
            func bound(_ index: Int, _ fallback: Int) throws -> Int {
                guard index < arguments.positional.count else { return fallback }
                if case .none = arguments.positional[index] { return fallback }
                let value = try pythonInt(arguments.positional[index])
                let count = Int64(characters.count)
                return Int(value < 0 ? Swift.max(value + count, 0) : Swift.min(value, count + 1))
            }
            let start = try bound(1, 0)
            let end = Swift.min(try bound(2, characters.count), characters.count)
            return start <= end ? start..<end : nil
        }
        func position(of part: String, last: Bool, _ arguments: CallArguments) throws -> Int? {
            guard let range = try window(arguments) else { return nil }
            return try findSubstring(Array(part), in: Array(characters[range]), last: last).map { $0 + range.lowerBound }
        }
        switch name {
        case "find", "rfind": return method { _, arguments in
            .int(Int64(try position(of: try needle(arguments), last: name == "rfind", arguments) ?? -1))
        }
        case "index", "rindex": return method { _, arguments in
            guard let found = try position(of: try needle(arguments), last: name == "rindex", arguments) else { throw PythonError.valueError("substring not found") }
            return .int(Int64(found))
        }
        case "count": return method { interpreter, arguments in
            let part = try needle(arguments)
            guard let range = try window(arguments) else { return .int(0) }
            if part.isEmpty { return .int(Int64(range.count + 1)) }
            let matches = try SubstringSearch(Array(part)).matches(in: Array(characters[range]), overlapping: false) { try interpreter.checkInterrupt() }
            return .int(Int64(matches.count))
        }
        default: return nil
        }
    }
}
