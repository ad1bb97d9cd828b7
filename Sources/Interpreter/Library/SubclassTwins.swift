/// Native classes a program may also subclass (`class ReturnIndexDataset(TensorDataset)`,
/// whose `__getitem__` calls `super().__getitem__(idx)`). Calling the native one stays
/// fast; a class statement that names it as a base gets its Python twin instead, written
/// as PyTorch writes the class, so `super()` and inherited methods behave as there.
let subclassTwinSources: [String: String] = [
    "TensorDataset": #"""
class TensorDataset(Dataset):
    def __init__(self, *tensors):
        assert all(tensors[0].size(0) == tensor.size(0) for tensor in tensors), "Size mismatch between tensors"
        self.tensors = tensors

    def __getitem__(self, index):
        return tuple(tensor[index] for tensor in self.tensors)

    def __len__(self):
        return self.tensors[0].size(0)
"""#,
]

extension Interpreter {
    /// The Python class that stands for `builtin` as a base class, when it has one.
    func subclassTwin(of builtin: Builtin) -> ClassObject? {
        guard builtin.owner == nil, let source = subclassTwinSources[builtin.name] else { return nil }
        if let built = subclassTwins[builtin.name] { return built }
        guard case let .module(data)? = modules["torch.utils.data"] else { return nil }
        let library = runLibrary(source, bindings: ["Dataset": data.members["Dataset"] ?? .none])
        guard case let .classObject(twin)? = library[builtin.name] else { return nil }
        subclassTwins[builtin.name] = twin
        return twin
    }

    /// `isinstance(obj, TensorDataset)` for an instance of a subclass of the twin.
    func isTwinSubclassInstance(_ value: Value, of builtin: Builtin) -> Bool {
        guard case let .instance(instance) = value, let twin = subclassTwins[builtin.name], builtin.owner == nil else { return false }
        return instance.classObject.inherits(from: twin)
    }
}
