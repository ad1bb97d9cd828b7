import Diagnostics

/// One lexical token of the Python subset, with the exact bytes it came from.
struct Token {
    enum Kind {
        case name(String)
        case keyword(Keyword)
        case integer(Int64?, digits: String)
        case float(Double)
        /// One string literal; the parser joins adjacent ones.
        case string(StringLiteral)
        case punctuation(Punctuation)
        case newline
        case indent
        case dedent
        case endOfFile
        /// The lexer stopped here. The parser throws this error when it reaches the
        /// token, so a syntax error earlier in the input is reported first, as in CPython.
        case lexError(ParseError)
    }

    let kind: Kind
    let span: Span

    func isPunctuation(_ punctuation: Punctuation) -> Bool {
        if case .punctuation(let found) = kind { return found == punctuation }
        return false
    }

    func isKeyword(_ keyword: Keyword) -> Bool {
        if case .keyword(let found) = kind { return found == keyword }
        return false
    }
}

enum Keyword: String {
    case False, None, True
    case and, `as`, assert, async, await, `break`, `class`, `continue`, def, del, elif, `else`
    case except, finally, `for`, from, global, `if`, `import`, `in`, `is`, lambda, nonlocal
    case not, or, pass, raise, `return`, `try`, `while`, with, yield
}

enum Punctuation: String, CaseIterable {
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}"
    case comma = ",", colon = ":", semicolon = ";", dot = ".", ellipsis = "...", arrow = "->"
    case at = "@", equal = "=", walrus = ":="
    case plus = "+", minus = "-", star = "*", doubleStar = "**", slash = "/", doubleSlash = "//"
    case percent = "%", ampersand = "&", pipe = "|", caret = "^", tilde = "~"
    case leftShift = "<<", rightShift = ">>"
    case less = "<", greater = ">", lessEqual = "<=", greaterEqual = ">=", equalEqual = "==", notEqual = "!="
    case plusEqual = "+=", minusEqual = "-=", starEqual = "*=", slashEqual = "/=", doubleSlashEqual = "//="
    case percentEqual = "%=", doubleStarEqual = "**=", atEqual = "@=", ampersandEqual = "&="
    case pipeEqual = "|=", caretEqual = "^=", leftShiftEqual = "<<=", rightShiftEqual = ">>="

    /// The operator an augmented assignment such as `+=` applies, if this is one.
    var augmentedOperator: BinaryOperator? {
        switch self {
        case .plusEqual: .add
        case .minusEqual: .subtract
        case .starEqual: .multiply
        case .slashEqual: .divide
        case .doubleSlashEqual: .floorDivide
        case .percentEqual: .modulo
        case .doubleStarEqual: .power
        case .atEqual: .matrixMultiply
        case .ampersandEqual: .bitAnd
        case .pipeEqual: .bitOr
        case .caretEqual: .bitXor
        case .leftShiftEqual: .leftShift
        case .rightShiftEqual: .rightShift
        default: nil
        }
    }

    /// Punctuation by first byte, each list longest spelling first, so the lexer can take
    /// the longest match quickly.
    static let byFirstByteLongestFirst: [[(bytes: [UInt8], punctuation: Punctuation)]] = {
        var table = Array(repeating: [(bytes: [UInt8], punctuation: Punctuation)](), count: 128)
        for punctuation in allCases {
            let bytes = Array(punctuation.rawValue.utf8)
            table[Int(bytes[0])].append((bytes, punctuation))
        }
        return table.map { $0.sorted { $0.bytes.count > $1.bytes.count } }
    }()
}

/// The decoded content of one string literal. An f-string keeps its replacement fields
/// as byte ranges of the source, which the parser parses in place so spans stay exact.
struct StringLiteral {
    var pieces: [StringPiece]
    var isFormatted: Bool
}

enum StringPiece {
    case text(String)
    case field(FStringField)
}

struct FStringField {
    /// The bytes of the expression between `{` and `!`, `:`, `=` or `}`.
    let expressionRange: Range<Int>
    let conversion: Character?
    let formatSpec: [StringPiece]
    /// `{x=}`: the text `x=` is printed before the value.
    let selfDocumentingText: String?
}
