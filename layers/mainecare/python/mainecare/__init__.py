"""MaineCare Serverless shared package: domain rules, contracts, stores and use cases.

Lambda mounts this layer at /opt/python, so every function imports `mainecare` the same way.
"""
