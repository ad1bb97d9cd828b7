import TensorEngine

/// An instance of a user class: its attributes, and the native state a subclass of an
/// `nn.Module`, a built-in layer or a built-in type carries.
public final class Instance {
    public let classObject: ClassObject
    public var attributes: [String: Value] = [:]
    /// Attribute names in assignment order, for stable listings.
    public var attributeOrder: [String] = []
    /// The `nn.Module` state of an instance of an `nn.Module` subclass.
    var moduleRegistry: ModuleRegistry?
    /// For a subclass of a native layer (`class LN(nn.LayerNorm)`): the layer that
    /// `super().__init__(...)` built, whose registry the instance shares.
    var nativeModule: NNModule?
    /// For a subclass of a built-in type (`class Config(dict)`): the dict, list, str, ...
    /// the instance is, which answers what the class does not define.
    var builtinValue: Value?
    /// After `self.__dict__ = mapping`: the dict that holds the instance's attributes
    /// from then on (`self.__dict__ = self` makes a dict's keys its attributes).
    var attributeStore: DictStorage?
    /// Whether that dict is the instance's own (`self.__dict__ = self`), so `__dict__`
    /// reads back as the instance without the instance holding itself.
    var attributeStoreIsSelf = false

    init(classObject: ClassObject) {
        self.classObject = classObject
        MemoryBudget.charge(ObjectMemory.instanceBytes)
    }

    deinit { MemoryBudget.discharge(ObjectMemory.instanceBytes) }

    func set(_ name: String, _ value: Value) {
        if attributes[name] == nil { attributeOrder.append(name) }
        attributes[name] = value
    }
}
