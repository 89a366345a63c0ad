"""The same MLP written by hand with NumPy: what a scalar engine can only approach.

MLP(3, [4, 4, 1]) with relu hidden layers and a linear output, trained on a
batch of samples with the squared-error loss sum((y_pred - y)**2) and plain SGD.
The forward pass keeps what the backward pass needs; the backward pass is the
chain rule written out for whole layers at once (matrix products instead of one
`Value` per number).
"""

import numpy as np


class NumpyMLP:
    """Weights as matrices: layer i maps n_i inputs to n_{i+1} outputs, out = x @ W + b."""

    def __init__(self, weights, biases):
        self.W = [np.array(w, dtype=float) for w in weights]  # shapes (n_in, n_out)
        self.b = [np.array(b, dtype=float) for b in biases]  # shapes (n_out,)

    @classmethod
    def from_mlp(cls, mlp):
        """Copy the weights of an `autograd_lesson.nn.MLP` (neuron j of a layer is column j)."""
        weights = [
            [[n.w[i].data for n in layer.neurons] for i in range(len(layer.neurons[0].w))]
            for layer in mlp.layers
        ]
        biases = [[n.b.data for n in layer.neurons] for layer in mlp.layers]
        return cls(weights, biases)

    def step(self, X, y, lr):
        """One training step on the batch (X: (batch, 3), y: (batch,)); returns the loss."""
        # forward: keep each layer's input and pre-activation
        inputs, pres = [], []
        h = X
        last = len(self.W) - 1
        for i, (W, b) in enumerate(zip(self.W, self.b)):
            inputs.append(h)
            z = h @ W + b
            pres.append(z)
            h = z if i == last else np.maximum(z, 0.0)  # relu, except the linear output
        diff = h[:, 0] - y
        loss = float(diff @ diff)
        # backward: d(loss)/d(output) = 2 * diff, then layer by layer
        grad = (2.0 * diff)[:, None]
        for i in range(last, -1, -1):
            if i != last:
                grad = grad * (pres[i] > 0.0)  # relu passes the gradient where z > 0
            dW = inputs[i].T @ grad
            db = grad.sum(axis=0)
            grad = grad @ self.W[i].T  # to the layer below, before the update
            self.W[i] -= lr * dW
            self.b[i] -= lr * db
        return loss
