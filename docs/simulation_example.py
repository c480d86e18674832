# %% [markdown]
# # The policy simulator from Python (a notebook, cell by cell)
#
# Run it as a script (`python docs/simulation_example.py`) or open it in Jupyter/VS Code as a
# notebook (`# %%` marks the cells). The test suite runs it, so it stays true.

# %%
from vip.simulation.inequality import measure
from vip.simulation.inputs import load_preset
from vip.simulation.runner import run

# %% [markdown]
# ## The book's arithmetic: Becker's auction for the OECD

# %%
auction = run(load_preset("radical-markets-auction"))
print(f"host income +{auction.host_income_change_pct:.1f}%")  # about 5.7%
print(f"family of four +${auction.gain_per_family_of_four_year:,.0f} a year")  # about $8,000
print(f"each migrant nets ${auction.migrant_net_gain_year:,.0f} a year")  # $5,000

# %% [markdown]
# Change any input, as `--set` does on the command line: a bid of $4,000 instead of $6,000.

# %%
cheaper = run(load_preset("radical-markets-auction").with_values({"auction.bid_per_year": 4000}))
print(f"dividend per citizen: ${cheaper.dividend_per_citizen_year:,.0f}")

# %% [markdown]
# ## An equilibrium: who sponsors when hosting costs differ between people

# %%
scenario = load_preset("vip-us", "equilibrium").with_values({"simulation.agents": 50_000})
vip = run(scenario)
print(f"{vip.migrants / 1e6:.0f} million migrants, {vip.sponsor_participation_rate:.0%} of adults")
print(f"a sponsor nets ${vip.gain_per_sponsor_year:,.0f} a year")
deciles = vip.details["gains_by_native_income_decile"]
print("gain by income decile, poorest first:", [round(gain) for gain in deciles])

# %% [markdown]
# The same country under the status quo and under Becker's auction.

# %%
for mechanism in ("status_quo", "auction"):
    other = run(scenario.with_values({"mechanism.name": mechanism}))
    print(
        mechanism,
        f"{other.migrants / 1e6:.0f} million, natives +{other.host_income_change_pct:.2f}%",
    )

# %% [markdown]
# ## The book's inequality measure

# %%
print(f"{measure([1_000_000, 1_000]).equalization_gain_pct:,.3f} percent")  # just under 24,975
