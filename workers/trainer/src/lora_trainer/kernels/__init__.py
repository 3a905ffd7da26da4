"""Triton kernels for the GPU path (issue 18). Each has a plain-PyTorch reference that the CPU uses
and that tests compare against; nothing here is imported unless a GPU option asks for it."""
