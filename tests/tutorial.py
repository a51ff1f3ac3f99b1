"""The seed tutorial's complete script (../shared/seed), plotting removed, as a reference to test against."""

import torch
import torch.nn.functional as F


class Net(torch.nn.Module):  # the tutorial's class, as written there
    def __init__(self, n_feature, n_hidden, n_output):
        super(Net, self).__init__()
        self.hidden = torch.nn.Linear(n_feature, n_hidden)
        self.predict = torch.nn.Linear(n_hidden, n_output)

    def forward(self, x):
        x = F.relu(self.hidden(x))
        x = self.predict(x)
        return x


def run_tutorial(seed: int, steps: int = 100):
    """The tutorial after torch.manual_seed(seed): its x, y, initial weights and loss at every step."""
    torch.manual_seed(seed)
    x = torch.unsqueeze(torch.linspace(-1, 1, 100), dim=1)
    y = x.pow(2) + 0.2 * torch.rand(x.size())
    net = Net(1, 10, 1)
    initial = [p.detach().clone() for p in net.parameters()]
    optimizer = torch.optim.SGD(net.parameters(), lr=0.2)
    loss_func = torch.nn.MSELoss()
    losses = []
    for t in range(steps):
        prediction = net(x)
        loss = loss_func(prediction, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return x, y, initial, losses
