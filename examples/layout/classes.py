"""CSS classes of the layout objects of a whole project, in the form its settings take."""

# layout-classes-start
# In settings.py: each dict is merged, key by key, over the defaults of its layout class.
DASHBOARDS_LAYOUT_COMPONENT_CLASSES = {
    "Card": {"card": "card card--flat", "footer": "card-footer small"},
    "Div": {"wrapper": "stack"},
    "TabContainer": {"tabs": "tabs tabs--pills"},
    "Tab": {"tab": "tab tab--padded"},
}
# layout-classes-end
