import TensorEngine

print("tensortutor")
