"""Member use cases: what members themselves see.

- portal: a member's own claims history and creditable coverage letter (the member id comes from
  their account, never from the request)
"""
